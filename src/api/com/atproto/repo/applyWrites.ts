import { InternalServerError, InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type * as ApplyWrites from '../../../../lexicon/generated/types/com/atproto/repo/applyWrites.js'
import { parseSwap, prepareWrite, type WriteRequest } from '../../../../repo/prepare.js'
import type { WriteResult } from '../../../../repo/repo-service.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

const NSID = 'com.atproto.repo.applyWrites'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method(NSID, {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth, input }) => ownRepo(auth.credentials, input.body.repo) },
    handler: async ({ input, charged: repo }) => {
      const body = input.body
      const max = ctx.config.limits.applyWritesMax
      if (body.writes.length > max) throw new InvalidRequestError(`Too many writes: at most ${max} per call`)
      const opts = { lexicons: ctx.lexicons, validate: body.validate, maxRecordBytes: ctx.config.limits.recordBytes }
      const writes = await Promise.all(body.writes.map((w) => prepareWrite(toRequest(w), opts)))
      const commit = await ctx.repos.applyWrites(repo, writes, parseSwap(body.swapCommit, 'swapCommit') ?? undefined)
      if (!commit) throw new InvalidRequestError('No writes to apply')
      return json({
        commit: { cid: commit.cid, rev: commit.rev },
        results: commit.results.map((r) => resultView(repo.did, r)),
      })
    },
  })
}

function toRequest(w: ApplyWrites.InputSchema['writes'][number]): WriteRequest {
  const type: string = w.$type
  switch (w.$type) {
    case `${NSID}#create`:
      return { action: 'create', collection: w.collection, rkey: w.rkey, record: w.value }
    case `${NSID}#update`:
      return { action: 'update', collection: w.collection, rkey: w.rkey, record: w.value }
    case `${NSID}#delete`:
      return { action: 'delete', collection: w.collection, rkey: w.rkey }
    default:
      throw new InvalidRequestError(`Unknown write type: ${type.slice(0, 100)}`)
  }
}

function resultView(did: string, r: WriteResult) {
  if (r.action === 'delete') return { $type: `${NSID}#deleteResult` as const }
  if (!r.cid) throw new InternalServerError('The write produced no record CID')
  const result = { uri: `at://${did}/${r.collection}/${r.rkey}`, cid: r.cid, validationStatus: r.validationStatus }
  return r.action === 'create'
    ? { $type: `${NSID}#createResult` as const, ...result }
    : { $type: `${NSID}#updateResult` as const, ...result }
}
