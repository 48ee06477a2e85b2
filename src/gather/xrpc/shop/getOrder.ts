// One order with its derived status: public, as the records it is made of are.
import type { MethodServer } from '../../../api/method-server.js'
import { json } from '../../../api/output.js'
import type { AppContext } from '../../../context.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('is.gather.shop.getOrder', async ({ params }) => {
    return json(await ctx.orders.getOrder(params.uri))
  })
}
