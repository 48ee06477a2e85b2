// What every host.primal.pds.* call on one account starts with: the caller's
// credentials (admin key, or a domain owner's or admin's session) and the
// account, once the caller is known to manage its domain.
import type { LocatedAccount } from '../../../../account/account-service.js'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export type Managed = { credentials: AdminCredentials | AccessCredentials; account: LocatedAccount }

/** The account `did` names; AccountNotFound, or Forbidden when the caller manages another domain. */
export async function managedAccount(ctx: AppContext, auth: unknown, did: string): Promise<Managed> {
  const { credentials } = auth as { credentials: AdminCredentials | AccessCredentials }
  const account = await ctx.accounts.mustLocate(did)
  assertManages(credentials, account.domain)
  return { credentials, account }
}
