import { ForbiddenError, type Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { managedAccount } from './managed-account.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.updateAccountRole', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = (input as { body: { did: string; role: 'admin' | 'user' } }).body
      const { credentials, account } = await managedAccount(ctx, auth, body.did)
      if (credentials.type === 'access' && credentials.role !== 'owner') {
        throw new ForbiddenError('Only the admin key or the domain owner may change roles')
      }
      await ctx.accounts.updateRole(account, body.role)
    },
  })
}
