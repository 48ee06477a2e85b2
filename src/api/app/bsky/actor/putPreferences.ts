import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

/** The official PDS's JSON body limit, which putPreferences does not raise: what a client's preferences fit in there. */
const PREFERENCES_BODY_BYTES = 150 * 1024

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('app.bsky.actor.putPreferences', {
    auth: ctx.auth.access,
    opts: { jsonLimit: Math.min(PREFERENCES_BODY_BYTES, ctx.config.limits.bodyBytes) },
    handler: async ({ auth, input }) => {
      const { account, scope } = auth.credentials
      await ctx.preferences.put(account, input.body.preferences, { full: scope === 'full' })
    },
  })
}
