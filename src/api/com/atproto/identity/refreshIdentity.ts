// Looks an identity up anew, past the caches. For an account we host, its DID
// document is checked first: one that no longer names this server means the
// account moved away, and it is marked so (see account/departures.ts).
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.refreshIdentity', {
    // Every call looks the identity up anew, past the caches: for a logged-in account's asking only.
    auth: ctx.auth.access,
    handler: async ({ input }) => {
      const { identifier } = input.body
      // A DID or a handle of ours (not an email, which locate also takes).
      const hosted = identifier.includes('@') ? undefined : await ctx.accounts.locate(identifier)
      if (hosted) {
        // The answer is the identity as resolved; a check that fails (directory down) waits for the next one.
        await ctx.departures.check(hosted).catch((err) => {
          ctx.logger.warn({ err, did: hosted.did }, 'departure check on refreshIdentity failed')
        })
      }
      return json(await ctx.identity.resolveIdentity(identifier, { fresh: true }))
    },
  })
}
