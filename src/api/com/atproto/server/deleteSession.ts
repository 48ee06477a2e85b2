import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.deleteSession', {
    auth: ctx.auth.refresh,
    handler: async ({ auth }) => {
      await ctx.sessions.revoke(auth.credentials)
    },
  })
}
