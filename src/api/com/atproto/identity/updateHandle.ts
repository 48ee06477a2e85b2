import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.updateHandle', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      const { account, role } = auth.credentials
      const handle = input.body.handle
      // A domain's owner may take its reserved names (admin.<domain> is where it starts).
      await ctx.accounts.updateHandle(account, handle, { allowReserved: role === 'owner' })
    },
  })
}
