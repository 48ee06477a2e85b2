// The caller activates their own account again: #account, #identity and a
// #sync of the current commit go out, as the official PDS sends them.
// Charged to the write budget: each call is three firehose events.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.activateAccount', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth }) => {
      await ctx.accounts.activate(auth.credentials.account)
      // An account that moved in is news to relays that never crawled us, as a new domain is.
      ctx.relays.announce('account activated')
    },
  })
}
