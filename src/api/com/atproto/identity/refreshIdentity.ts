// Looks an identity up anew, past the caches. For an account we host, its DID
// document is checked too: one that no longer names this server means the
// account moved away, and it is marked so (see account/departures.ts).
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.refreshIdentity', {
    // Every call looks the identity up anew, past the caches: for a logged-in account's asking only.
    auth: ctx.auth.access,
    handler: async ({ input }) => {
      const identity = await ctx.identity.resolveIdentity(input.body.identifier, { fresh: true })
      const hosted = await ctx.accounts.locate(identity.did)
      if (hosted) {
        // The answer is the identity as resolved; a check that fails (directory down) waits for the next one.
        await ctx.departures.check(hosted).catch((err) => {
          ctx.logger.warn({ err, did: identity.did }, 'departure check on refreshIdentity failed')
        })
      }
      return json(identity)
    },
  })
}
