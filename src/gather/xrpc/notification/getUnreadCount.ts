import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.notification.getUnreadCount', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => json(await ctx.notifications.unreadCount(auth.credentials.account)),
  })
}
