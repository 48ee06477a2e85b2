// The new PDS's half of a move here: the user brings the op their old PDS
// signed; once it keeps this server the account's host (our rotation key,
// our endpoint, the account's signing key and handle: the official PDS's
// checks and messages) it goes to the PLC directory, is logged as the
// account's latest op, and #identity goes out.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.submitPlcOperation', {
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => {
      await ctx.accounts.submitPlcOp(auth.credentials.account, input.body.operation)
    },
  })
}
