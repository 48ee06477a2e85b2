// What every host.primal.pds.* call on one account starts with: the caller's
// credentials (admin key, or a domain owner's or admin's session) and the
// account, once the caller is known to manage its domain and its rank.
import { ForbiddenError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { LocatedAccount } from '../../../../storage/management/tenant-registry.js'
import type { AccountRole } from '../../../../storage/schema.js'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../auth-verifiers.js'

export type Managed = { credentials: AdminCredentials | AccessCredentials; account: LocatedAccount }

/**
 * The account `did` names; AccountNotFound, or Forbidden when the caller
 * manages another domain or does not outrank the account: a domain admin acts
 * on users only, the owner on admins and users, the admin key on anyone
 * (what may be done to an owner at all is the account service's to say).
 */
export async function managedAccount(
  ctx: AppContext,
  credentials: AdminCredentials | AccessCredentials,
  did: string,
): Promise<Managed> {
  const account = await ctx.accounts.mustLocate(did)
  assertManages(credentials, account.domain)
  if (credentials.type === 'access' && credentials.role !== 'owner') {
    // No tenant row behind the home is a delete cut short: no rank is left to protect, and the
    // retry must be able to finish it (AccountService.delete).
    const role: AccountRole = (await ctx.accounts.roleOf(account)) ?? 'user'
    if (role !== 'user') throw new ForbiddenError(`A domain admin may act on users only, not on its domain's ${role}`)
  }
  return { credentials, account }
}
