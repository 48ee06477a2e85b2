// Resolving the `repo` an XRPC call names (a DID or a handle) to the tenant
// holding it, and the two questions every repo endpoint asks: may this
// caller write there, and may this repo be served.
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../account/account-service.js'
import { accountStore } from '../account/account-store.js'
import type { AccessCredentials } from '../auth/verifiers.js'
import type { AppContext } from '../context.js'
import type { AccountStatus } from '../db/schema.js'
import { assertServable } from '../repo/repo-reads.js'

export type RepoTarget = LocatedAccount & { status: AccountStatus }

/** The repo named by `repo`, with its account status; RepoNotFound when there is none. */
export async function findRepo(ctx: AppContext, repo: unknown): Promise<RepoTarget> {
  const located = typeof repo === 'string' && repo.length <= 2048 ? await ctx.accounts.locate(repo) : undefined
  const account = located
    ? await ctx.storage.withTenant(located.db_name, (db) => accountStore.summary(db, located.did))
    : undefined
  if (!located || !account) {
    throw new InvalidRequestError(`Could not find repo: ${String(repo).slice(0, 300)}`, 'RepoNotFound')
  }
  return { ...located, status: account.status }
}

/** A repo whose records may be served to anyone (not suspended or taken down). */
export async function servableRepo(ctx: AppContext, repo: unknown): Promise<RepoTarget> {
  const target = await findRepo(ctx, repo)
  assertServable(target.did, target.status)
  return target
}

/** The caller's own repo: a session writes only to the account it belongs to. */
export function ownRepo(credentials: AccessCredentials, repo: unknown): LocatedAccount {
  const own = credentials.account
  const named = typeof repo === 'string' ? repo.trim().toLowerCase() : ''
  if (named !== own.did.toLowerCase() && named !== own.handle) {
    throw new ForbiddenError('A session may write only to its own repo')
  }
  return own
}
