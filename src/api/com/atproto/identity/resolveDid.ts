import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveDid', async ({ params }) => {
    return json({ didDoc: await ctx.identity.resolveDid(params.did) })
  })
}
