import { ForbiddenError, type Server } from '@atproto/xrpc-server'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.updateAccountRole', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = (auth as { credentials: AdminCredentials | AccessCredentials }).credentials
      const body = (input as { body: { did: string; role: 'admin' | 'user' } }).body
      const account = await ctx.accounts.mustLocate(body.did)
      assertManages(credentials, account.domain)
      if (credentials.type === 'access' && credentials.role !== 'owner') {
        throw new ForbiddenError('Only the admin key or the domain owner may change roles')
      }
      await ctx.accounts.updateRole(account, body.role)
    },
  })
}
