import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

/**
 * The repos on the PDS host the request was sent to (its Host header): a
 * domain's own host lists its accounts, the service host those on no domain
 * host, so a relay crawling each host sees each account once, where its DID
 * document says it is.
 */
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.listRepos', async ({ params, req }) => {
    const { cursor } = params
    const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
    const { host } = await ctx.pdsHosts.forRequest(req.hostname)
    const repos = await ctx.repoReads.listRepos(ctx.registry, { limit, cursor, host })
    return json({ cursor: repos.length === limit ? repos[repos.length - 1]?.did : undefined, repos })
  })
}
