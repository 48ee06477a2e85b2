import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.skill.getLeaderboard', async ({ params }) => {
    const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
    return json(await ctx.directory.leaderboard({ ...params, limit }))
  })
}
