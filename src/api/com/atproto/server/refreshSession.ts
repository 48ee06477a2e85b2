import type { Server } from '@atproto/xrpc-server'
import type { RefreshCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.server.refreshSession', {
    auth: ctx.auth.refresh,
    handler: async ({ auth }) => {
      const claims = (auth as { credentials: RefreshCredentials }).credentials
      const { tokens, account } = await ctx.sessions.refresh(claims)
      return json({
        accessJwt: tokens.accessJwt,
        refreshJwt: tokens.refreshJwt,
        handle: account.handle,
        did: account.did,
        active: true,
      })
    },
  })
}
