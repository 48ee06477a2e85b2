import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { createdAccountView, domainView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.addDomain', {
    auth: ctx.auth.admin,
    handler: async ({ input }) => {
      const { domain, owner } = await ctx.domains.add(input.body)
      return json({ domain: domainView(domain, ctx.config, 0), owner: createdAccountView(owner) })
    },
  })
}
