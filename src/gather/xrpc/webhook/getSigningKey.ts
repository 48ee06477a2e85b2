// The public key webhook deliveries are signed with, for anyone (is.gather.webhook.getSigningKey).
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.webhook.getSigningKey', async () => json(ctx.webhooks.signingKey))
}
