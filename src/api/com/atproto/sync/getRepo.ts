import { isValidTid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { car } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getRepo', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const { did, since } = params
      if (since !== undefined && !isValidTid(since)) throw new InvalidRequestError(`since is not a valid rev: ${since}`)
      const target = await servableRepo(ctx, did, req, auth.credentials)
      return car(await ctx.repoReads.exportCar(target, since))
    },
  })
}
