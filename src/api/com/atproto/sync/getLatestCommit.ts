import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getLatestCommit', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const target = await servableRepo(ctx, params.did, req, auth.credentials)
      const root = await ctx.repoReads.root(target)
      return json({ cid: root.cid, rev: root.rev })
    },
  })
}
