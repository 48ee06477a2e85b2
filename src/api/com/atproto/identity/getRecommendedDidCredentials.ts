import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.getRecommendedDidCredentials', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account } = auth.credentials
      return json(await ctx.plc.recommendedCredentials(account.db_name, account.did, account.handle))
    },
  })
}
