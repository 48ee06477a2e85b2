import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.identity.getRecommendedDidCredentials', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account } = (auth as { credentials: AccessCredentials }).credentials
      return json(await ctx.plc.recommendedCredentials(account.db_name, account.did, account.handle))
    },
  })
}
