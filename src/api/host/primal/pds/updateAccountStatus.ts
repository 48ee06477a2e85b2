import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { managedAccount } from './managed-account.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.updateAccountStatus', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = input.body
      const { account } = await managedAccount(ctx, auth.credentials, body.did)
      await ctx.accounts.updateStatus(account, body.status)
    },
  })
}
