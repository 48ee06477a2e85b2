import type { MethodServer } from '../../../api/method-server.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.notification.updateSeen', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      // The lexicon's datetime format is checked before the handler runs: the date parses.
      await ctx.notifications.updateSeen(auth.credentials.account, new Date(input.body.seenAt))
    },
  })
}
