// Moving an account to another of our domains, as operators ask for it: the
// admin key moves it at once; otherwise the owners of both domains must each
// ask for the same move (one consents, the other's call then moves it),
// within moves.consentTtlSeconds. An owner alone may not pull accounts out of
// another tenant, nor push them into one.
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import { parseHandle } from '../../../../account/handle.js'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.moveAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { did, handle } = input.body
      const account = await ctx.accounts.mustLocate(did)
      const credentials = auth.credentials
      if (credentials.type !== 'admin') {
        const refuse = () =>
          new ForbiddenError('Only the admin key, or the owners of both domains, may move an account between domains')
        if (credentials.role !== 'owner') throw refuse()
        const target = await ctx.registry.activeDomain(parseHandle(handle).domain)
        if (!target)
          throw new InvalidRequestError(`${handle} is not under a domain of this service`, 'UnsupportedDomain')
        const both = [account.domain, target.name]
        const mine = credentials.account.domain
        if (!both.includes(mine)) throw refuse()
        const owner = { did: credentials.did, domain: mine }
        const other = both.find((d) => d !== mine)
        if (other && !(await ctx.accounts.moves.consent(account.did, handle.toLowerCase(), owner, both))) {
          return json({ did: account.did, handle: account.handle, moved: false, awaiting: other })
        }
      }
      try {
        const moved = await ctx.accounts.move(account, handle)
        return json({ did: account.did, handle: moved, moved: true })
      } finally {
        // Used up once the account has left its domain (a move that switched and then failed to finish
        // included); one that failed before (503, the directory down) is asked for again by one owner.
        if ((await ctx.accounts.locate(account.did))?.domain !== account.domain) {
          await ctx.accounts.moves.clearConsents(account.did)
        }
      }
    },
  })
}
