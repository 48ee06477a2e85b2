import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.requestEmailUpdate', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => json(await ctx.accountEmail.requestUpdate(auth.credentials.account)),
  })
}
