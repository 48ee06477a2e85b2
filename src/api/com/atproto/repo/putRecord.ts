import type { AppContext } from '../../../../context.js'
import { recordWriteOutput } from '../../../../repo/record-writer.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.putRecord', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth, input }) => ownRepo(auth.credentials, input.body.repo) },
    handler: async ({ input, charged: repo }) => {
      const { collection, rkey, record, swapRecord, validate, swapCommit } = input.body
      const write = { action: 'update' as const, collection, rkey, record, swapRecord, validate, swapCommit }
      return json(recordWriteOutput(repo.did, await ctx.recordWriter.writeOne(repo, write)))
    },
  })
}
