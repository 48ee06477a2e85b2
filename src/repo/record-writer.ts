// One-record writes (createRecord, putRecord, deleteRecord, and the agent
// app's tools): the write prepared and validated against our lexicons, then
// committed, and its answer: the record's URI and CID, the commit it landed
// in, and how it was validated.
import type { Lexicons } from '@atproto/lexicon'
import { InternalServerError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { parseSwap, prepareWrite, type WriteRequest } from './prepare.js'
import type { CommitResult, RepoService } from './repo-service.js'

export type OneRecordWrite = WriteRequest & { validate?: boolean; swapCommit?: string }

export type RecordWriterDeps = {
  repos: RepoService
  lexicons: Lexicons
  maxRecordBytes: number
}

export class RecordWriter {
  constructor(private readonly deps: RecordWriterDeps) {}

  /** Prepares and commits one write to `repo`; the method's declared rate limit (or the MCP tool) charges it. */
  async writeOne(repo: LocatedAccount, request: OneRecordWrite): Promise<CommitResult | null> {
    const { validate, swapCommit, ...write } = request
    const prepared = await prepareWrite(write, {
      lexicons: this.deps.lexicons,
      validate,
      maxRecordBytes: this.deps.maxRecordBytes,
    })
    return this.deps.repos.applyWrites(repo, [prepared], parseSwap(swapCommit, 'swapCommit') ?? undefined)
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
