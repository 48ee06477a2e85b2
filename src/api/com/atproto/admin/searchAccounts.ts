import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { unstorableText } from '../../../../storage/pg-text.js'
import { manages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { accountView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.searchAccounts', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params }) => {
      const caller = auth.credentials
      const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
      const { email, cursor } = params
      if (unstorableText(cursor)) throw new InvalidRequestError('Malformed cursor')
      // An email names at most one account here (it is unique service-wide).
      if (email !== undefined) {
        const located = email.includes('@') && !unstorableText(email) ? await ctx.accounts.locate(email) : undefined
        const summary = located && manages(caller, located.domain) ? await ctx.accounts.findSummary(located) : undefined
        return json({ accounts: summary ? [accountView(summary)] : [] })
      }
      // Without one, every account the caller sees: the admin key's across tenants, in DID order; a
      // domain's owner's or admin's in their domain, in handle order. The cursor is the last one given.
      if (caller.type === 'admin') {
        const page = await ctx.accounts.pageAcrossTenants(limit, cursor)
        return json({ cursor: page.cursor, accounts: page.accounts.map(accountView) })
      }
      const domain = await ctx.registry.activeDomain(caller.account.domain)
      const page = domain ? await ctx.accounts.list(domain, limit, cursor) : []
      return json({
        cursor: page.length === limit ? page[page.length - 1]?.handle : undefined,
        accounts: page.map(accountView),
      })
    },
  })
}
