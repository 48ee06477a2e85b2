import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.identity.updateHandle', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      const { account } = (auth as { credentials: AccessCredentials }).credentials
      await ctx.accounts.updateHandle(account, (input as { body: { handle: string } }).body.handle)
    },
  })
}
