// Resolving the `repo` an XRPC call names (a DID or a handle) to the tenant
// holding it, and the two questions every repo endpoint asks: may this
// caller write there, and may this repo be served.
import type { IncomingMessage } from 'node:http'
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../account/account-service.js'
import type { AccessCredentials } from '../auth/verifiers.js'
import type { AppContext } from '../context.js'
import { noteSubject } from '../http/request-log.js'
import { assertServable } from '../repo/repo-reads.js'
import type { AccountStatus } from '../storage/schema.js'

export type RepoTarget = LocatedAccount & { status: AccountStatus }

/**
 * The repo named by `repo`, with its account status; RepoNotFound when there
 * is none. The request `req`, when given, is noted as concerning its tenant (for its log line).
 */
export async function findRepo(ctx: AppContext, repo: unknown, req?: IncomingMessage): Promise<RepoTarget> {
  const target = typeof repo === 'string' && repo.length <= 2048 ? await locateRepo(ctx, repo) : undefined
  if (!target) {
    throw new InvalidRequestError(`Could not find repo: ${String(repo).slice(0, 300)}`, 'RepoNotFound')
  }
  if (req) noteSubject(req, { tenant: target.domain })
  return target
}

/** The account and its status; a DID goes through the memory of recent homes, a handle is looked up. */
async function locateRepo(ctx: AppContext, repo: string): Promise<RepoTarget | undefined> {
  const withStatus = async (located: LocatedAccount): Promise<RepoTarget | undefined> => {
    const account = await ctx.storage.read(located.db_name, (t) => t.accounts.summary(located.did))
    return account && { ...located, status: account.status }
  }
  const id = repo.trim()
  if (id.startsWith('did:')) return ctx.accounts.recentHomes.withHome(id, withStatus)
  const located = await ctx.accounts.locate(id)
  return located && withStatus(located)
}

/** A repo whose records may be served to anyone (not suspended or taken down). */
export async function servableRepo(ctx: AppContext, repo: unknown, req?: IncomingMessage): Promise<RepoTarget> {
  const target = await findRepo(ctx, repo, req)
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
