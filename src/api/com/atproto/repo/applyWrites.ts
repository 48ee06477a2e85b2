import { InvalidRequestError, type Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { parseSwap, prepareWrite, type WriteRequest } from '../../../../repo/prepare.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

const NSID = 'com.atproto.repo.applyWrites'

type Write = { $type?: string; collection: string; rkey?: string; value?: unknown }
type Input = { repo: string; validate?: boolean; writes: Write[]; swapCommit?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method(NSID, {
    auth: ctx.auth.access,
    handler: async ({ auth, input, res }) => {
      const body = (input as { body: Input }).body
      const repo = ownRepo((auth as { credentials: AccessCredentials }).credentials, body.repo)
      return ctx.rateLimits.chargeWrite(repo, res, async () => {
        const max = ctx.config.limits.applyWritesMax
        if (body.writes.length > max) throw new InvalidRequestError(`Too many writes: at most ${max} per call`)
        const opts = { lexicons: ctx.lexicons, validate: body.validate, maxRecordBytes: ctx.config.limits.recordBytes }
        const writes = await Promise.all(body.writes.map((w) => prepareWrite(toRequest(w), opts)))
        const commit = await ctx.repos.applyWrites(repo, writes, parseSwap(body.swapCommit, 'swapCommit') ?? undefined)
        if (!commit) throw new InvalidRequestError('No writes to apply')
        return json({
          commit: { cid: commit.cid, rev: commit.rev },
          results: commit.results.map((r) =>
            r.action === 'delete'
              ? { $type: `${NSID}#deleteResult` }
              : {
                  $type: `${NSID}#${r.action}Result`,
                  uri: `at://${repo.did}/${r.collection}/${r.rkey}`,
                  cid: r.cid,
                  validationStatus: r.validationStatus,
                },
          ),
        })
      })
    },
  })
}

function toRequest(w: Write): WriteRequest {
  switch (w.$type) {
    case `${NSID}#create`:
      return { action: 'create', collection: w.collection, rkey: w.rkey, record: w.value }
    case `${NSID}#update`:
      return { action: 'update', collection: w.collection, rkey: w.rkey ?? '', record: w.value }
    case `${NSID}#delete`:
      return { action: 'delete', collection: w.collection, rkey: w.rkey ?? '' }
    default:
      throw new InvalidRequestError(`Unknown write type: ${String(w.$type).slice(0, 100)}`)
  }
}
