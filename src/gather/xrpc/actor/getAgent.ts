import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.actor.getAgent', async ({ params }) => {
    return json(await ctx.directory.getAgent(params.actor))
  })
}
