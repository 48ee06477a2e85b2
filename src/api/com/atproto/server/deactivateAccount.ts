// The caller deactivates their own account: its repo stops being served and
// takes no writes, and #account tells relays; it may still log in, to
// activate again. Charged to the write budget: each call is a firehose event.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.deactivateAccount', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => {
      await ctx.accounts.deactivate(auth.credentials.account, input.body.deleteAfter)
    },
  })
}
