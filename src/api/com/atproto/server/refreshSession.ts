import type { AppContext } from '../../../../context.js'
import { accountState } from '../../../../storage/tenant/account-store.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.refreshSession', {
    auth: ctx.auth.refresh,
    handler: async ({ auth }) => {
      const claims = auth.credentials
      const { tokens, account } = await ctx.sessions.refresh(claims)
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
