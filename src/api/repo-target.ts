// The two questions every repo endpoint asks of the `repo` an XRPC call
// names: may this caller write there, and may this repo be served. Finding
// the repo is the account service's; noting its tenant on the request (for
// the request's log line) is the face's.
import type { IncomingMessage } from 'node:http'
import { ForbiddenError } from '@atproto/xrpc-server'
import type { RepoTarget } from '../account/account-service.js'
import type { AppContext } from '../context.js'
import { noteSubject } from '../lib/request-subject.js'
import { assertServable } from '../repo/repo-reads.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { AccountWith } from '../storage/tenant/repo-store.js'
import type { AccessCredentials, AdminCredentials, NoCredentials } from './auth-verifiers.js'

/** The repo named by `repo`, with its account status (see AccountService.findRepo); its tenant is noted on `req`. */
export async function findRepo(ctx: AppContext, repo: unknown, req?: IncomingMessage): Promise<RepoTarget> {
  const target = await ctx.accounts.findRepo(repo)
  if (req) noteSubject(req, { tenant: target.domain })
  return target
}

/**
 * A repo whose records may be served to anyone (not suspended, taken down or
 * deactivated); `reader`, where the method takes one, may be the account
 * itself or an operator, to whom the repo is served whatever its state (as
 * the official PDS serves its sync reads).
 */
export async function servableRepo(
  ctx: AppContext,
  repo: unknown,
  req?: IncomingMessage,
  reader?: AdminCredentials | AccessCredentials | NoCredentials,
): Promise<RepoTarget> {
  const target = await findRepo(ctx, repo, req)
  const selfOrAdmin = reader?.type === 'admin' || (reader?.type === 'access' && reader.did === target.did)
  if (!selfOrAdmin) assertServable(target.did, target.status)
  return target
}

/**
 * servableRepo for an anonymous reader, with what `read` reads of the repo in
 * the statement that reads its account (AccountService.findRepoReading).
 */
export async function servableRepoReading<T>(
  ctx: AppContext,
  repo: unknown,
  req: IncomingMessage,
  read: (located: LocatedAccount) => Promise<AccountWith<T>>,
): Promise<RepoTarget & { found: T }> {
  const target = await ctx.accounts.findRepoReading(repo, read)
  noteSubject(req, { tenant: target.domain })
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
