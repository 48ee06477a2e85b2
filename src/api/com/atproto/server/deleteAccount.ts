import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.deleteAccount', {
    // Spent before the password is checked, as createSession's: guessing at it costs the same budget.
    rateLimit: { login: 'password', identifier: ({ input }) => input.body.did },
    handler: async ({ input }) => {
      const { did, password, token } = input.body
      await ctx.accountEmail.deleteAccount(did, password, token)
    },
  })
}
