import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { car } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getRecord', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const { did, collection, rkey } = params
      const target = await servableRepo(ctx, did, req, auth.credentials)
      // A proof of absence is a valid answer too: the path shows where the record would be.
      const proof = await ctx.repoReads.recordProof(target, collection, rkey)
      return car(Buffer.from(proof))
    },
  })
}
