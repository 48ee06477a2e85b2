import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { sessionView } from './views.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.agent.rotateKey', async ({ input }) => {
    const body = (input as { body: { challenge: string; signature: string; newKeySignature: string } }).body
    return json(sessionView(await ctx.agents.rotateKey(body.challenge, body.signature, body.newKeySignature)))
  })
}
