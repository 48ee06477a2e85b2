import type { AppContext } from '../../../../context.js'
import { accountState } from '../../../../storage/tenant/account-store.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.getSession', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account, oauth } = auth.credentials
      const summary = await ctx.accounts.summary(account)
      // An OAuth grant shows the email only with account:email (or transition:email), as the official PDS answers.
      const showEmail = !oauth || oauth.permissions.allowsAccount({ attr: 'email', action: 'read' })
      return json({
        handle: summary.handle,
        did: summary.did,
        email: showEmail ? (summary.email ?? undefined) : undefined,
        emailConfirmed: showEmail ? !!summary.email_confirmed_at : undefined,
        emailAuthFactor: showEmail ? summary.email_auth_factor : undefined,
        // A deactivated account may log in (to activate again): the client is told which it is.
        ...protocolStatus(accountState(summary)),
      })
    },
  })
}
