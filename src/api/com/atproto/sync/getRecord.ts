import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.sync.getRecord', async ({ params, req }) => {
    const { did, collection, rkey } = params as { did: string; collection: string; rkey: string }
    const target = await servableRepo(ctx, did, req)
    // A proof of absence is a valid answer too: the path shows where the record would be.
    const car = await ctx.repoReads.recordProof(target, collection, rkey)
    return { encoding: 'application/vnd.ipld.car', body: Buffer.from(car) }
  })
}
