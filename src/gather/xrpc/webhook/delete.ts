// Deletes one of the caller's webhooks and its waiting deliveries (is.gather.webhook.delete).
import type { MethodServer } from '../../../api/method-server.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.webhook.delete', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => {
      await ctx.webhooks.delete(auth.credentials.did, input.body.id)
    },
  })
}
