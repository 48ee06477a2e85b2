import type { AppContext } from '../../../../context.js'
import { accountState } from '../../../../storage/tenant/account-store.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.getSession', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account } = auth.credentials
      const summary = await ctx.accounts.summary(account)
      return json({
        handle: summary.handle,
        did: summary.did,
        email: summary.email ?? undefined,
        emailConfirmed: !!summary.email_confirmed_at,
        emailAuthFactor: summary.email_auth_factor,
        // A deactivated account may log in (to activate again): the client is told which it is.
        ...protocolStatus(accountState(summary)),
      })
    },
  })
}
