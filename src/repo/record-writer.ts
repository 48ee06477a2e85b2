// One-record writes (createRecord, putRecord, deleteRecord, and the agent
// app's tools): the write prepared and validated against our lexicons, then
// committed, and its answer: the record's URI and CID, the commit it landed
// in, and how it was validated.
import type { ServerResponse } from 'node:http'
import type { Lexicons } from '@atproto/lexicon'
import { InternalServerError } from '@atproto/xrpc-server'
import type { RateLimits } from '../ratelimit/rate-limits.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { parseSwap, prepareWrite, type WriteRequest } from './prepare.js'
import type { CommitResult, RepoService } from './repo-service.js'

export type OneRecordWrite = WriteRequest & { validate?: boolean; swapCommit?: string }

export type RecordWriterDeps = {
  repos: RepoService
  lexicons: Lexicons
  rateLimits: RateLimits
  maxRecordBytes: number
}

export class RecordWriter {
  constructor(private readonly deps: RecordWriterDeps) {}

  /** Prepares and commits one write to `repo`, uncharged: the caller spends the write budget. */
  async writeOne(repo: LocatedAccount, request: OneRecordWrite): Promise<CommitResult | null> {
    const { validate, swapCommit, ...write } = request
    const prepared = await prepareWrite(write, {
      lexicons: this.deps.lexicons,
      validate,
      maxRecordBytes: this.deps.maxRecordBytes,
    })
    return this.deps.repos.applyWrites(repo, [prepared], parseSwap(swapCommit, 'swapCommit') ?? undefined)
  }

  /** writeOne charged to the repo's write budget, only when accepted; `shape` makes the answer. */
  writeOneCharged<T>(
    repo: LocatedAccount,
    res: ServerResponse | undefined,
    request: OneRecordWrite,
    shape: (commit: CommitResult | null) => T,
  ): Promise<T> {
    return this.deps.rateLimits.chargeWrite(repo, res, async () => shape(await this.writeOne(repo, request)))
  }
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
