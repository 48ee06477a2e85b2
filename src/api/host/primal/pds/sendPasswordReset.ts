import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { managedAccount } from './managed-account.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.sendPasswordReset', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { account } = await managedAccount(ctx, auth.credentials, input.body.did)
      await ctx.accountEmail.sendPasswordReset(account)
    },
  })
}
