import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.removeDomain', {
    auth: ctx.auth.admin,
    handler: async ({ input }) => {
      await ctx.domains.remove((input as { body: { domain: string } }).body.domain)
    },
  })
}
