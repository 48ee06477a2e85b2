import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.sync.listRepos', async ({ params }) => {
    const { cursor } = params as { cursor?: string }
    const limit = Math.min((params as { limit?: number }).limit ?? 500, ctx.config.limits.listPageSize)
    const repos = await ctx.repoReads.listRepos(ctx.registry, { limit, cursor })
    return json({ cursor: repos.length === limit ? repos[repos.length - 1]?.did : undefined, repos })
  })
}
