import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'
import { searchQuery } from '../search-query.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.feed.searchPosts', async ({ params, req }) => {
    const page = await ctx.search.searchPosts(searchQuery(params, req, ctx.config.limits.listPageSize))
    return json({ posts: await ctx.feed.withVotes(page.hits), cursor: page.cursor })
  })
}
