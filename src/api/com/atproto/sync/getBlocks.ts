// Blocks of a repo by CID, as a CAR without a root: what a relay asks for when
// it fills a gap. Served as getRepo is: not for a repo that may not be served,
// except to its owner or an admin.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { car } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getBlocks', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const target = await servableRepo(ctx, params.did, req, auth.credentials)
      return car(await ctx.repoReads.blocks(target, params.cids))
    },
  })
}
