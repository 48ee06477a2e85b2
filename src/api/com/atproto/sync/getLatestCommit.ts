import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getLatestCommit', async ({ params, req }) => {
    const target = await servableRepo(ctx, params.did, req)
    const root = await ctx.repoReads.root(target)
    return json({ cid: root.cid, rev: root.rev })
  })
}
