import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { accountInfoView, visibleAccount } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.getAccountInfo', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params }) => {
      const located = await visibleAccount(ctx, auth.credentials, params.did)
      return json(await accountInfoView(ctx, located, await ctx.accounts.summary(located)))
    },
  })
}
