import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.refreshIdentity', {
    // Every call looks the identity up anew, past the caches: for a logged-in account's asking only.
    auth: ctx.auth.access,
    handler: async ({ input }) => {
      return json(await ctx.identity.resolveIdentity(input.body.identifier, { fresh: true }))
    },
  })
}
