import type { Server } from '@atproto/xrpc-server'
import { clientIp } from '../../../../client-ip.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.requestRegistration', async ({ input, req, res }) => {
    await ctx.rateLimits.consumeIp('registration', clientIp(req), res)
    const body = (input as { body: { domain: string } }).body
    return json(await ctx.agents.registrationChallenge(body.domain))
  })
}
