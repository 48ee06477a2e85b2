// Revokes one of the caller's app passwords by name, and with it every
// session it opened (their refresh and access tokens stop at once). A name
// the account has no app password of is no error, as in the official PDS.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.revokeAppPassword', {
    auth: ctx.auth.access,
    handler: async ({ auth, input }) => {
      await ctx.appPasswords.revoke(auth.credentials.account, input.body.name)
    },
  })
}
