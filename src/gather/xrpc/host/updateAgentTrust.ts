import type { Server } from '@atproto/xrpc-server'
import { managedAccount } from '../../../api/host/primal/pds/managed-account.js'
import type { AppContext } from '../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.updateAgentTrust', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = (input as { body: { did: string; trusted: boolean } }).body
      const { account } = await managedAccount(ctx, auth, body.did)
      await ctx.agents.setTrusted(account, body.trusted)
    },
  })
}
