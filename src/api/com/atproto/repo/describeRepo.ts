import type { AppContext } from '../../../../context.js'
import { didDocFromPlcOp, type PlcOperationFields } from '../../../../identity/did-doc.js'
import { accountStore } from '../../../../storage/tenant/account-store.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.describeRepo', async ({ params, req }) => {
    const target = await servableRepo(ctx, params.repo, req)
    const [account, collections] = await Promise.all([
      ctx.storage.withTenant(target.db_name, (db) => accountStore.get(db, target.did)),
      ctx.repoReads.listCollections(target),
    ])
    const op = (account?.plc_op ?? {}) as PlcOperationFields
    return json({
      handle: target.handle,
      did: target.did,
      didDoc: didDocFromPlcOp(target.did, op, target.handle, ctx.config.serviceURL),
      collections,
      // Handles are ours to answer for: /.well-known/atproto-did resolves every hosted one.
      handleIsCorrect: true,
    })
  })
}
