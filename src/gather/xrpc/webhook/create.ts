// Registers a webhook for the caller (is.gather.webhook.create).
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.webhook.create', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => json(await ctx.webhooks.create(auth.credentials.did, input.body)),
  })
}
