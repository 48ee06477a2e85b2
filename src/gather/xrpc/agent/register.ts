import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { clientIp } from '../../../http/client-ip.js'
import type { RegisterInput } from '../../agent/agent-service.js'
import { sessionView } from './views.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.register', async ({ input, req, res }) => {
    // The registration budget counts agents registered: a refused attempt costs only the agent surface's per-IP budget.
    return ctx.rateLimits.chargeIp('registration', clientIp(req), res, async () =>
      json(sessionView(await ctx.agents.register((input as { body: RegisterInput }).body))),
    )
  })
}
