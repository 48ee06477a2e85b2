// Makes an app password for the caller's account, shown this once. Only a
// password login may (src/auth/scopes.ts): an app password cannot make more.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createAppPassword', {
    auth: ctx.auth.access,
    // Each one costs a password hash: charged to the account's write budget, as other writes are.
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ input, charged: account }) => {
      const { name, privileged = false } = input.body
      return json(await ctx.appPasswords.create(account, name, privileged))
    },
  })
}
