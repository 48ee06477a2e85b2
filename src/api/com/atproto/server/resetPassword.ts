import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.resetPassword', {
    rateLimit: { ip: 'service' },
    handler: async ({ input }) => {
      await ctx.accountEmail.resetPassword(input.body.token, input.body.password)
    },
  })
}
