// The blobs the caller's records use that are not stored here yet: what an
// account moving in still has to upload after importRepo.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.listMissingBlobs', {
    auth: ctx.auth.access,
    handler: async ({ params, auth }) => {
      const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
      const blobs = await ctx.blobs.listMissing(auth.credentials.account, { limit, cursor: params.cursor })
      return json({ cursor: blobs.length === limit ? blobs[blobs.length - 1]?.cid : undefined, blobs })
    },
  })
}
