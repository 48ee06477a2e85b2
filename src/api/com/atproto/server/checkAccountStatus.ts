// What a client checks before and after moving an account here: whether it
// is activated, whether its DID document names this server, and how much of
// its repo and blobs is here. This server keeps no private state (0).
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.checkAccountStatus', {
    auth: ctx.auth.access,
    handler: async ({ auth }) => {
      const { account } = auth.credentials
      const [summary, repo, validDid] = await Promise.all([
        ctx.accounts.summary(account),
        ctx.repoReads.status(account),
        ctx.accounts.hostedHere(account),
      ])
      return json({
        activated: summary.deactivated_at === null,
        validDid,
        repoCommit: repo.cid,
        repoRev: repo.rev,
        repoBlocks: repo.blocks,
        indexedRecords: repo.records,
        privateStateValues: 0,
        expectedBlobs: repo.expectedBlobs,
        importedBlobs: repo.blobs,
      })
    },
  })
}
