import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.describeRepo', async ({ params, req }) => {
    const target = await servableRepo(ctx, params.repo, req)
    const [didDoc, collections] = await Promise.all([ctx.plc.didDoc(target), ctx.repoReads.listCollections(target)])
    return json({
      handle: target.handle,
      did: target.did,
      didDoc,
      collections,
      // Handles are ours to answer for: /.well-known/atproto-did resolves every hosted one.
      handleIsCorrect: true,
    })
  })
}
