import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('is.gather.skill.getReviewStats', async ({ params }) => {
    return json(await ctx.search.reviewStats((params as { uri: string }).uri))
  })
}
