import type { AppContext } from '../../../../context.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { findRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getRepoStatus', async ({ params, req }) => {
    const target = await findRepo(ctx, params.did, req)
    const state = protocolStatus(target.status)
    const rev = state.active ? (await ctx.repoReads.root(target)).rev : undefined
    return json({ did: target.did, ...state, rev })
  })
}
