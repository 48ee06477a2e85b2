import type { AppContext } from '../../../../context.js'
import { clientIp } from '../../../../http/client-ip.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.resetPassword', {
    handler: async ({ input, req, res }) => {
      // Spent whatever the outcome (a declared ip budget is given back on a refusal): a wrong code is a guess.
      await ctx.rateLimits.consumeIp('passwordReset', clientIp(req), res)
      await ctx.accountEmail.resetPassword(input.body.token, input.body.password)
    },
  })
}
