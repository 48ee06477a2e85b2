import type { Server } from '@atproto/xrpc-server'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.updateAgentTrust', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = (auth as { credentials: AdminCredentials | AccessCredentials }).credentials
      const body = (input as { body: { did: string; trusted: boolean } }).body
      const account = await ctx.accounts.mustLocate(body.did)
      assertManages(credentials, account.domain)
      await ctx.agents.setTrusted(account, body.trusted)
    },
  })
}
