import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.updateAccountEmail', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      // `account` is an at-identifier: a DID or a handle.
      const { account } = await managedAccount(ctx, auth.credentials, input.body.account)
      await ctx.accounts.credentials.setEmail(account, input.body.email)
    },
  })
}
