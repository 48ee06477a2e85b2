// The answer to createRecord and putRecord: the record's URI and CID, the
// commit it landed in, and how it was validated.
import { InternalServerError } from '@atproto/xrpc-server'
import type { CommitResult } from '../../../../repo/repo-service.js'

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
