import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { sessionView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.agent.register', {
    // The registration budget counts agents registered: a refused attempt costs only the agent surface's per-IP budget.
    rateLimit: { ip: 'registration' },
    handler: async ({ input }) => json(sessionView(await ctx.agents.register(input.body))),
  })
}
