import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.listBlobs', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const { did, since, cursor } = params
      const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
      const target = await servableRepo(ctx, did, req, auth.credentials)
      const cids = await ctx.blobs.list(target, { limit, cursor, since })
      return json({ cursor: cids.length === limit ? cids[cids.length - 1] : undefined, cids })
    },
  })
}
