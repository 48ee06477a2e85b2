import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.requestLogin', async ({ input }) => {
    const body = (input as { body: { identifier: string } }).body
    return json(await ctx.agents.signChallenge(body.identifier, 'login'))
  })
}
