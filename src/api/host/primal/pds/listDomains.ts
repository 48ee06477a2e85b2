import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { domainView } from './views.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.listDomains', {
    auth: ctx.auth.admin,
    handler: async () => json({ domains: (await ctx.domains.list()).map((d) => domainView(d, ctx.config.agents)) }),
  })
}
