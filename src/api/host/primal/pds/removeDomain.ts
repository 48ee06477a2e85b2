import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.removeDomain', {
    auth: ctx.auth.admin,
    handler: async ({ input }) => {
      await ctx.domains.remove(input.body.domain)
    },
  })
}
