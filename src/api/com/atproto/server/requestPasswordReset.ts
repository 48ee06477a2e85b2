import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.requestPasswordReset', {
    // Unauthenticated and it mails: the per-IP budget first, the account's mail budget inside.
    rateLimit: { ip: 'service' },
    handler: async ({ input }) => {
      // The same answer whether or not an account has this email.
      await ctx.accountEmail.requestPasswordReset(input.body.email)
    },
  })
}
