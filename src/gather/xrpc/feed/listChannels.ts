import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.feed.listChannels', async ({ params }) => {
    const { domain, limit, cursor } = params
    return json(await ctx.feed.listChannels({ domain, limit: Math.min(limit, ctx.config.limits.listPageSize), cursor }))
  })
}
