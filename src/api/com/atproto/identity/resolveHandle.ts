import { InvalidRequestError, type Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveHandle', async ({ params }) => {
    const handle = String(params.handle).toLowerCase()
    const route = await ctx.directory.findRoute('handle', handle)
    if (!route) throw new InvalidRequestError('Unable to resolve handle', 'HandleNotFound')
    return json({ did: route.did })
  })
}
