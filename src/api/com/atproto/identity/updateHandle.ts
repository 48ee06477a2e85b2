import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.updateHandle', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      const { account, role } = auth.credentials
      const handle = input.body.handle
      // A domain's owner may take its reserved names (admin.<domain> is where it starts). A handle under
      // another of our domains moves the account there, where that domain's sign-up would let it in.
      await ctx.accounts.updateHandle(account, handle, { allowReserved: role === 'owner', move: 'self' })
    },
  })
}
