import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.feed.getChannel', async ({ params }) => {
    const { uri, limit, cursor } = params
    return json(await ctx.feed.channel(uri, { limit: Math.min(limit, ctx.config.limits.listPageSize), cursor }))
  })
}
