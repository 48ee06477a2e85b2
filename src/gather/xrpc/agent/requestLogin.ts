import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.agent.requestLogin', {
    // A login needs a challenge: counting challenges bounds an account's logins, and the rows they leave.
    rateLimit: { login: 'agent', identifier: ({ input }) => input.body.identifier },
    handler: async ({ input }) => json(await ctx.agents.signChallenge(input.body.identifier, 'login')),
  })
}
