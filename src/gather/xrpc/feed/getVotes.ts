import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.feed.getVotes', async ({ params }) => json(await ctx.feed.votesOf(params.uri)))
}
