import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

// Undoes disableAccountInvites: the codes the account earns from now on are usable again.
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.enableAccountInvites', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { account } = await managedAccount(ctx, auth.credentials, input.body.account)
      await ctx.invites.setAccountInvitesDisabled(account, false)
    },
  })
}
