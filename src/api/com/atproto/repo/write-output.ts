// The one-record writes (createRecord, putRecord, deleteRecord, each charged
// to the account's write budget by its declared rate limit), and their answer:
// the record's URI and CID, the commit it landed in, and how it was validated.
import { InternalServerError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../../../../account/account-service.js'
import type { AppContext } from '../../../../context.js'
import { parseSwap, prepareWrite, type WriteRequest } from '../../../../repo/prepare.js'
import type { CommitResult } from '../../../../repo/repo-service.js'

/** Prepares and commits one write to `repo`; `shape` makes the answer. */
export async function writeOneRecord<T>(
  ctx: AppContext,
  repo: LocatedAccount,
  request: WriteRequest & { validate?: boolean; swapCommit?: string },
  shape: (commit: CommitResult | null) => T,
): Promise<T> {
  const { validate, swapCommit, ...write } = request
  const prepared = await prepareWrite(write, {
    lexicons: ctx.lexicons,
    validate,
    maxRecordBytes: ctx.config.limits.recordBytes,
  })
  return shape(await ctx.repos.applyWrites(repo, [prepared], parseSwap(swapCommit, 'swapCommit') ?? undefined))
}

export function recordWriteOutput(did: string, commit: CommitResult | null) {
  const result = commit?.results[0]
  if (!commit || !result?.cid) throw new InternalServerError('The write produced no commit')
  return {
    uri: `at://${did}/${result.collection}/${result.rkey}`,
    cid: result.cid,
    commit: { cid: commit.cid, rev: commit.rev },
    validationStatus: result.validationStatus,
  }
}
