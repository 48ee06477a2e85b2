import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.requestKeyRotation', async ({ input }) => {
    const body = (input as { body: { identifier: string; newPublicKey: string } }).body
    return json(await ctx.agents.signChallenge(body.identifier, 'rotateKey', body.newPublicKey))
  })
}
