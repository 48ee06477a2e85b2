import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { createdAccountView, domainView } from './views.js'

type Input = { domain: string; ownerHandle?: string; ownerEmail?: string; ownerPassword?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.addDomain', {
    auth: ctx.auth.admin,
    handler: async ({ input }) => {
      const body = (input as { body: Input }).body
      const { domain, owner } = await ctx.domains.add(body)
      return json({ domain: domainView(domain, ctx.config.agents), owner: createdAccountView(owner) })
    },
  })
}
