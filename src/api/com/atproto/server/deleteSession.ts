import type { Server } from '@atproto/xrpc-server'
import type { RefreshCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.server.deleteSession', {
    auth: ctx.auth.refresh,
    handler: async ({ auth }) => {
      await ctx.sessions.revoke((auth as { credentials: RefreshCredentials }).credentials)
    },
  })
}
