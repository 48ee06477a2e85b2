import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

// The caller's own codes, with those it has earned made now (invites.intervalMs).
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.getAccountInviteCodes', {
    auth: ctx.auth.access,
    handler: async ({ auth, params }) => {
      const codes = await ctx.invites.accountCodes(auth.credentials.account, {
        includeUsed: params.includeUsed,
        createAvailable: params.createAvailable,
      })
      return json({ codes })
    },
  })
}
