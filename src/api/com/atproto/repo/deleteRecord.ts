import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { parseSwap, prepareWrite } from '../../../../repo/prepare.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

type Input = { repo: string; collection: string; rkey: string; swapRecord?: string; swapCommit?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.deleteRecord', {
    auth: ctx.auth.access,
    handler: async ({ auth, input, res }) => {
      const body = (input as { body: Input }).body
      const repo = ownRepo((auth as { credentials: AccessCredentials }).credentials, body.repo)
      return ctx.rateLimits.chargeWrite(repo, res, async () => {
        const write = await prepareWrite(
          {
            action: 'delete',
            collection: body.collection,
            rkey: body.rkey,
            swapRecord: body.swapRecord,
            ifExists: true,
          },
          { lexicons: ctx.lexicons, maxRecordBytes: ctx.config.limits.recordBytes },
        )
        const commit = await ctx.repos.applyWrites(repo, [write], parseSwap(body.swapCommit, 'swapCommit') ?? undefined)
        // Deleting a record that is not there is not an error, and makes no commit.
        return json(commit ? { commit: { cid: commit.cid, rev: commit.rev } } : {})
      })
    },
  })
}
