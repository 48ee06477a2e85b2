import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { normalizeDomain } from '../../../../tenant/domain-name.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { accountView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.listAccounts', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params }) => {
      const credentials = auth.credentials
      const name = normalizeDomain(params.domain)
      assertManages(credentials, name)
      const domain = await ctx.registry.activeDomain(name)
      if (!domain) throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
      const limit = Math.min(Number(params.limit ?? 50), ctx.config.limits.listPageSize)
      const cursor = typeof params.cursor === 'string' ? params.cursor : undefined
      const accounts = await ctx.accounts.list(domain, limit, cursor)
      return json({
        cursor: accounts.length === limit ? accounts[accounts.length - 1].handle : undefined,
        accounts: accounts.map(accountView),
      })
    },
  })
}
