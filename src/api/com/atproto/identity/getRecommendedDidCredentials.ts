import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.getRecommendedDidCredentials', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      return json(await ctx.accounts.recommendedCredentials(auth.credentials.account))
    },
  })
}
