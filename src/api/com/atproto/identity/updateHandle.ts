import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.identity.updateHandle', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      const { account, role } = (auth as { credentials: AccessCredentials }).credentials
      const handle = (input as { body: { handle: string } }).body.handle
      // A domain's owner may take its reserved names (admin.<domain> is where it starts).
      await ctx.accounts.updateHandle(account, handle, { allowReserved: role === 'owner' })
    },
  })
}
