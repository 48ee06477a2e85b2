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
      const { password, authFactorToken } = input.body
      // With the email second factor on, a right password mails a code (AuthFactorTokenRequired) or needs it.
      const { tokens, account } = await ctx.sessions.login(located, password, (found, summary) =>
        ctx.accountEmail.checkSignInCode(found, summary, authFactorToken),
      )
      return json({
        accessJwt: tokens.accessJwt,
        refreshJwt: tokens.refreshJwt,
        handle: account.handle,
        did: account.did,
        email: account.email ?? undefined,
        emailConfirmed: !!account.email_confirmed_at,
        emailAuthFactor: account.email_auth_factor,
        // A deactivated account may log in (to activate again): the client is told which it is.
        ...protocolStatus(accountState(account)),
      })
    },
  })
}
