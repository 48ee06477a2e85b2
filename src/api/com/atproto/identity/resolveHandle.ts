import { InvalidRequestError, type Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveHandle', async ({ params }) => {
    const did = await ctx.accounts.didForHandle(String(params.handle))
    if (!did) throw new InvalidRequestError('Unable to resolve handle', 'HandleNotFound')
    return json({ did })
  })
}
