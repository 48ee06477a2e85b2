import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  // Bounded per IP by the agent surface's budget; the registration budget counts registrations, not challenges.
  server.method('is.gather.agent.requestRegistration', async ({ input }) => {
    const body = (input as { body: { domain: string } }).body
    return json(await ctx.agents.registrationChallenge(body.domain))
  })
}
