import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.resolveHandle', async ({ params }) => {
    const did = await ctx.accounts.didForHandle(params.handle)
    if (!did) throw new InvalidRequestError('Unable to resolve handle', 'HandleNotFound')
    return json({ did })
  })
}
