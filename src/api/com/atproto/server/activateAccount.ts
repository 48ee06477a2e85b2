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
      const account = auth.credentials.account
      await ctx.accounts.activate(account)
      // An account that moved in is news to relays that never crawled its host, as a new domain is.
      const hostname = ctx.pdsHosts.hostnameOf(account.pds_host)
      void ctx.relays.announceHost(hostname, 'account activated')
    },
  })
}
