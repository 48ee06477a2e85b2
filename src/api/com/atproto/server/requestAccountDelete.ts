import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.requestAccountDelete', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      await ctx.accountEmail.requestAccountDelete(auth.credentials.account)
    },
  })
}
