import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

type Params = { did: string; since?: string; limit?: number; cursor?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.sync.listBlobs', async ({ params, req }) => {
    const { did, since, cursor } = params as Params
    const limit = Math.min((params as Params).limit ?? 500, ctx.config.limits.listPageSize)
    const target = await servableRepo(ctx, did, req)
    const cids = await ctx.blobs.list(target, { limit, cursor, since })
    return json({ cursor: cids.length === limit ? cids[cids.length - 1] : undefined, cids })
  })
}
