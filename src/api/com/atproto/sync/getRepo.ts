import { isValidTid } from '@atproto/syntax'
import { InvalidRequestError, type Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.sync.getRepo', async ({ params, req }) => {
    const { did, since } = params as { did: string; since?: string }
    if (since !== undefined && !isValidTid(since)) throw new InvalidRequestError(`since is not a valid rev: ${since}`)
    const target = await servableRepo(ctx, did, req)
    return { encoding: 'application/vnd.ipld.car', body: await ctx.repoReads.exportCar(target, since) }
  })
}
