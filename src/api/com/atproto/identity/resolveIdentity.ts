import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveIdentity', async ({ params }) => {
    return json(await ctx.identity.resolveIdentity(params.identifier))
  })
}
