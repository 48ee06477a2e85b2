// The caller's webhooks with how their deliveries went (is.gather.webhook.list).
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.webhook.list', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => json({ webhooks: await ctx.webhooks.list(auth.credentials.did) }),
  })
}
