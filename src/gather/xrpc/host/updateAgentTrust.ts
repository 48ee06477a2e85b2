import { managedAccount } from '../../../api/host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../api/method-server.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.updateAgentTrust', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = input.body
      const { account } = await managedAccount(ctx, auth.credentials, body.did)
      await ctx.agents.setTrusted(account, body.trusted)
    },
  })
}
