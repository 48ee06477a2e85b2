import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.confirmEmail', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      await ctx.accountEmail.confirm(auth.credentials.account, input.body.email, input.body.token)
    },
  })
}
