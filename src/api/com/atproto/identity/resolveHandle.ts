import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveHandle', async ({ params }) => {
    return json({ did: await ctx.identity.resolveHandle(params.handle) })
  })
}
