// An account moving here brings its repo (a CAR), normally while it is still
// deactivated: checked whole, then stored in one transaction, or nothing is.
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.importRepo', {
    auth: ctx.auth.access,
    // The body streams in: xrpc-server stops it past this, and the importer counts it again.
    opts: { blobLimit: ctx.config.limits.importRepoBytes },
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ input, charged: account }) => {
      await ctx.repoImporter.import(account, input.body)
    },
  })
}
