import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.agent.requestKeyRotation', async ({ input }) => {
    const body = input.body
    return json(await ctx.agents.signChallenge(body.identifier, 'rotateKey', body.newPublicKey))
  })
}
