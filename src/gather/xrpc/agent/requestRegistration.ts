import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  // Bounded per IP by the agent surface's budget; the registration budget counts registrations, not challenges.
  server.method('is.gather.agent.requestRegistration', async ({ input }) => {
    const body = input.body
    return json(await ctx.agents.registrationChallenge(body.domain))
  })
}
