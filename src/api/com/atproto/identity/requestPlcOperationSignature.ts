// The caller asks for the code that signPlcOperation needs: mailed to the
// account's email, good for 15 minutes and one signature, as the official
// PDS mails it. Charged to the write budget and the account's mail budget.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.requestPlcOperationSignature', {
    // Full access only (auth/scopes.ts): an app password may not move the account.
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth }) => {
      await ctx.accountEmail.requestPlcOperationSignature(auth.credentials.account)
    },
  })
}
