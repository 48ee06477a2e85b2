import { ForbiddenError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { managedAccount } from './managed-account.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.updateAccountRole', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = input.body
      const { credentials, account } = await managedAccount(ctx, auth.credentials, body.did)
      if (credentials.type === 'access' && credentials.role !== 'owner') {
        throw new ForbiddenError('Only the admin key or the domain owner may change roles')
      }
      await ctx.accounts.updateRole(account, body.role)
    },
  })
}
