import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { domainView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.listDomains', {
    auth: ctx.auth.admin,
    handler: async () => json({ domains: (await ctx.domains.list()).map((d) => domainView(d, ctx.config)) }),
  })
}
