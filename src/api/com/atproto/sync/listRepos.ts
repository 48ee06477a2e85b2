import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.listRepos', async ({ params }) => {
    const { cursor } = params
    const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
    const repos = await ctx.repoReads.listRepos(ctx.registry, { limit, cursor })
    return json({ cursor: repos.length === limit ? repos[repos.length - 1]?.did : undefined, repos })
  })
}
