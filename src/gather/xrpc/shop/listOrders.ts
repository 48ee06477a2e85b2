// The caller's orders, as seller (those naming it) or as buyer (its own), with their derived status.
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.shop.listOrders', {
    auth: ctx.auth.access,
    handler: async ({ params, auth }) => {
      const { did, account } = auth.credentials
      const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
      return json(await ctx.orders.listOrders({ did, account }, { ...params, limit }))
    },
  })
}
