import type { AppContext } from '../../../../context.js'
import { accountState } from '../../../../storage/tenant/account-store.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createSession', {
    // Spent before the password is checked: a guess over budget costs no hashing.
    rateLimit: { login: 'password', identifier: ({ input }) => input.body.identifier },
    handler: async ({ input, charged: located }) => {
      const { tokens, account } = await ctx.sessions.login(located, input.body.password)
      return json({
        accessJwt: tokens.accessJwt,
        refreshJwt: tokens.refreshJwt,
        handle: account.handle,
        did: account.did,
        email: account.email ?? undefined,
        emailConfirmed: false,
        // A deactivated account may log in (to activate again): the client is told which it is.
        ...protocolStatus(accountState(account)),
      })
    },
  })
}
