import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.updateEmail', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      const { email, token, emailAuthFactor } = input.body
      await ctx.accountEmail.update(auth.credentials.account, { email, token, emailAuthFactor })
    },
  })
}
