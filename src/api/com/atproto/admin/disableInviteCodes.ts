import { InvalidRequestError } from '@atproto/xrpc-server'
import { ADMIN } from '../../../../account/invite-codes.js'
import type { AppContext } from '../../../../context.js'
import type { Domain } from '../../../../storage/management/tenant-registry.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'

// Codes are found in their domain by the domain they carry; accounts' codes in
// the account's domain. A code or account of a domain the caller does not
// manage is refused, and nothing is disabled; one that names nothing of ours
// is passed over, as the official PDS passes over codes it does not have.
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.disableInviteCodes', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { codes = [], accounts = [] } = input.body
      if (accounts.includes(ADMIN)) throw new InvalidRequestError('cannot disable admin invite codes')
      const limit = ctx.config.invites.maxCodesPerCall
      if (codes.length + accounts.length > limit) {
        throw new InvalidRequestError(`At most ${limit} codes and accounts in one call (invites.maxCodesPerCall)`)
      }
      const all = (await ctx.registry.listDomains()).filter((d) => d.status === 'active')
      const work = new Map<string, { domain: Domain; codes: string[]; accounts: string[] }>()
      const at = (domain: Domain) => {
        const entry = work.get(domain.name) ?? { domain, codes: [], accounts: [] }
        work.set(domain.name, entry)
        return entry
      }
      for (const code of new Set(codes)) {
        for (const domain of ctx.invites.domainsOfCode(code, all)) {
          assertManages(auth.credentials, domain.name)
          at(domain).codes.push(code)
        }
      }
      for (const did of new Set(accounts)) {
        const account = await ctx.accounts.locate(did)
        if (!account) continue
        assertManages(auth.credentials, account.domain)
        const domain = await ctx.registry.activeDomain(account.domain)
        if (domain) at(domain).accounts.push(did)
      }
      for (const { domain, ...which } of work.values()) await ctx.invites.disable(domain, which)
    },
  })
}
