import type { AppContext } from '../../../../context.js'
import { clientIp } from '../../../../http/client-ip.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.requestPasswordReset', {
    handler: async ({ input, req, res }) => {
      // Spent whatever the outcome (a declared ip budget is given back on a refusal): a wrong code is a guess.
      await ctx.rateLimits.consumeIp('passwordReset', clientIp(req), res)
      // The same answer whether or not an account has this email.
      await ctx.accountEmail.requestPasswordReset(input.body.email)
    },
  })
}
