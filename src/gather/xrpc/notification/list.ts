import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.notification.list', {
    auth: ctx.auth.access,
    handler: async ({ auth, params }) => {
      const page = await ctx.notifications.list(auth.credentials.account, {
        limit: Math.min(params.limit, ctx.config.limits.listPageSize),
        cursor: params.cursor,
        // The generated type reads as one string or an array (a lexgen quirk); the XRPC server hands an array.
        reasons: params.reasons === undefined ? undefined : ([] as string[]).concat(params.reasons),
      })
      return json(page)
    },
  })
}
