import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.deleteRecord', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth, input }) => ownRepo(auth.credentials, input.body.repo) },
    handler: async ({ input, charged: repo }) => {
      const { collection, rkey, swapRecord, swapCommit } = input.body
      const write = { action: 'delete' as const, collection, rkey, swapRecord, swapCommit, ifExists: true }
      const c = await ctx.recordWriter.writeOne(repo, write)
      // Deleting a record that is not there is not an error, and makes no commit.
      return json(c ? { commit: { cid: c.cid, rev: c.rev } } : {})
    },
  })
}
