import { ADMIN } from '../../../../account/invite-codes.js'
import type { AppContext } from '../../../../context.js'
import { accountDomain, inviteDomain } from '../../../invite-scope.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

// The admin key, or a domain's owner or admin for their own domain (the
// official PDS: the admin key only, its one domain being the whole server).
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createInviteCode', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input, req }) => {
      const { useCount, forAccount } = input.body
      const domain =
        forAccount !== undefined
          ? await accountDomain(ctx, auth.credentials, forAccount)
          : await inviteDomain(ctx, auth.credentials, req)
      const [made] = await ctx.invites.create(domain, [forAccount ?? ADMIN], 1, useCount)
      return json({ code: made?.codes[0] as string })
    },
  })
}
