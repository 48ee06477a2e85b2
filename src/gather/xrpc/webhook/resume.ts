// Starts a paused webhook of the caller's again (is.gather.webhook.resume).
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.webhook.resume', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => json(await ctx.webhooks.resume(auth.credentials.did, input.body.id)),
  })
}
