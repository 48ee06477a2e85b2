import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { loginKey } from '../../../ratelimit/rate-limits.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.requestLogin', async ({ input, res }) => {
    const body = (input as { body: { identifier: string } }).body
    // A login needs a challenge: counting challenges bounds an account's logins, and the rows they leave.
    const located = await ctx.accounts.locate(body.identifier)
    await ctx.rateLimits.consumeLogin('agent', loginKey(body.identifier, located), res)
    return json(await ctx.agents.signChallenge(body.identifier, 'login'))
  })
}
