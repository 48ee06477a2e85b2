// The caller's app passwords, newest first: names and privilege, never the passwords.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.listAppPasswords', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const passwords = await ctx.appPasswords.list(auth.credentials.account)
      return json({ passwords })
    },
  })
}
