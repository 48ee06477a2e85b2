import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { searchQuery } from '../search-query.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.feed.searchPosts', async ({ params, req }) => {
    const page = await ctx.search.searchPosts(searchQuery(params, req, ctx.config.limits.listPageSize))
    return json({ posts: page.hits, cursor: page.cursor })
  })
}
