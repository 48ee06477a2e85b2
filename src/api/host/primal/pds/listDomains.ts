import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { domainView } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.listDomains', {
    auth: ctx.auth.admin,
    handler: async () => {
      const domains = await ctx.domains.list()
      const pending = await Promise.all(domains.map((d) => ctx.registry.countOffHost(d.name, d.pds_hostname)))
      return json({ domains: domains.map((d, i) => domainView(d, ctx.config, pending[i] ?? 0)) })
    },
  })
}
