import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

// The codes the account earns from now on are made disabled; those it holds stay as they are.
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.disableAccountInvites', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { account } = await managedAccount(ctx, auth.credentials, input.body.account)
      await ctx.invites.setAccountInvitesDisabled(account, true)
    },
  })
}
