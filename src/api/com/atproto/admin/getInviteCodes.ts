import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { inviteDomains } from '../../../invite-scope.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

// Every code of the domains the caller reaches (the admin key: the domain the
// request was sent to, else all of them), most recent or most used first.
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.getInviteCodes', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params, req }) => {
      const { cursor } = params
      const sort = params.sort === 'recent' ? 'recent' : params.sort === 'usage' ? 'usage' : undefined
      if (!sort) throw new InvalidRequestError(`unknown sort method: ${params.sort}`)
      const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
      const domains = await inviteDomains(ctx, auth.credentials, req)
      return json(await ctx.invites.page(domains, { sort, limit, cursor }))
    },
  })
}
