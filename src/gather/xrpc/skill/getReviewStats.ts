import type { Server } from '@atproto/xrpc-server'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.skill.getReviewStats', async ({ params }) => {
    return json(await ctx.search.reviewStats((params as { uri: string }).uri))
  })
}
