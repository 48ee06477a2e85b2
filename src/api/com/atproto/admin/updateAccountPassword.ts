import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.updateAccountPassword', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { account } = await managedAccount(ctx, auth.credentials, input.body.did)
      await ctx.accounts.credentials.setPassword(account, input.body.password)
    },
  })
}
