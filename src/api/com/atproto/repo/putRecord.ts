import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { parseSwap, prepareWrite } from '../../../../repo/prepare.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'
import { recordWriteOutput } from './write-output.js'

type Input = {
  repo: string
  collection: string
  rkey: string
  validate?: boolean
  record: unknown
  swapRecord?: string | null
  swapCommit?: string
}

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.putRecord', {
    auth: ctx.auth.access,
    handler: async ({ auth, input, res }) => {
      const body = (input as { body: Input }).body
      const repo = ownRepo((auth as { credentials: AccessCredentials }).credentials, body.repo)
      return ctx.rateLimits.chargeWrite(repo, res, async () => {
        const write = await prepareWrite(
          {
            action: 'update',
            collection: body.collection,
            rkey: body.rkey,
            record: body.record,
            swapRecord: body.swapRecord,
          },
          { lexicons: ctx.lexicons, validate: body.validate, maxRecordBytes: ctx.config.limits.recordBytes },
        )
        const commit = await ctx.repos.applyWrites(repo, [write], parseSwap(body.swapCommit, 'swapCommit') ?? undefined)
        return json(recordWriteOutput(repo.did, commit))
      })
    },
  })
}
