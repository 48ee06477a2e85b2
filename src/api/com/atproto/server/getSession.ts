import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.server.getSession', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account } = (auth as { credentials: AccessCredentials }).credentials
      const summary = await ctx.accounts.summary(account)
      return json({
        handle: summary.handle,
        did: summary.did,
        email: summary.email ?? undefined,
        emailConfirmed: false,
        active: true,
      })
    },
  })
}
