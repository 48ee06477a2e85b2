import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { manages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { accountInfoView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.getAccountInfos', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params }) => {
      const dids = [...new Set(params.dids)]
      const max = ctx.config.limits.listPageSize
      if (dids.length > max) throw new InvalidRequestError(`At most ${max} dids at once`)
      // As the official PDS: the accounts found, the others left out; one a domain's owner or admin may
      // not see is left out as not found.
      const infos = []
      for (const did of dids) {
        const located = await ctx.accounts.locate(did)
        if (!located || !manages(auth.credentials, located.domain)) continue
        const summary = await ctx.accounts.findSummary(located)
        if (summary) infos.push(await accountInfoView(ctx, located, summary))
      }
      return json({ infos })
    },
  })
}
