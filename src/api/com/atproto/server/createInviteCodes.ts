import { InvalidRequestError } from '@atproto/xrpc-server'
import { ADMIN } from '../../../../account/invite-codes.js'
import type { AccountCodes } from '../../../../account/invite-service.js'
import type { AppContext } from '../../../../context.js'
import type { Domain } from '../../../../storage/management/tenant-registry.js'
import { accountDomain, inviteDomain } from '../../../invite-scope.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

// codeCount codes for each account named (each in its own domain), or for
// the domain the call reaches when none is. Who may: as createInviteCode.
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createInviteCodes', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input, req }) => {
      const { codeCount, useCount } = input.body
      // An account named twice gets its codes once.
      const forAccounts = input.body.forAccounts && [...new Set(input.body.forAccounts)]
      const { maxCodesPerCall } = ctx.config.invites
      // Checked before any account is looked up, so a huge list costs nothing.
      if ((forAccounts?.length ?? 1) * Math.max(codeCount, 1) > maxCodesPerCall) {
        throw new InvalidRequestError(
          `At most ${maxCodesPerCall} codes may be made in one call (invites.maxCodesPerCall)`,
        )
      }
      if (forAccounts === undefined) {
        const domain = await inviteDomain(ctx, auth.credentials, req)
        return json({ codes: await ctx.invites.create(domain, [ADMIN], codeCount, useCount) })
      }
      // Every account is checked before any code is made: a refusal makes none.
      const byDomain = new Map<string, { domain: Domain; accounts: string[] }>()
      for (const did of forAccounts) {
        const domain = await accountDomain(ctx, auth.credentials, did)
        const entry = byDomain.get(domain.name) ?? { domain, accounts: [] }
        entry.accounts.push(did)
        byDomain.set(domain.name, entry)
      }
      const made = new Map<string, AccountCodes>()
      for (const { domain, accounts } of byDomain.values()) {
        for (const codes of await ctx.invites.create(domain, accounts, codeCount, useCount)) {
          made.set(codes.account, codes)
        }
      }
      // In the order asked, as the official PDS answers.
      return json({ codes: forAccounts.map((did) => made.get(did) as AccountCodes) })
    },
  })
}
