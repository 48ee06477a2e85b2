import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { sessionView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.agent.login', async ({ input }) => {
    const body = input.body
    return json(sessionView(await ctx.agents.login(body.challenge, body.signature)))
  })
}
