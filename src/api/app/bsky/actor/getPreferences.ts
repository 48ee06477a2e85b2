import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('app.bsky.actor.getPreferences', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account, scope } = auth.credentials
      const preferences = await ctx.preferences.get(account, { full: scope === 'full' })
      return json({ preferences })
    },
  })
}
