import type { Server } from '@atproto/xrpc-server'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.deleteAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = (auth as { credentials: AdminCredentials | AccessCredentials }).credentials
      const account = await ctx.accounts.mustLocate((input as { body: { did: string } }).body.did)
      assertManages(credentials, account.domain)
      await ctx.accounts.delete(account)
    },
  })
}
