import { cborToLexRecord } from '@atproto/repo'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepoReading } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.getRecord', async ({ params, req }) => {
    const { repo, collection, rkey, cid } = params
    // The account's state and the record in one statement.
    const target = await servableRepoReading(ctx, repo, req, (located) =>
      ctx.repoReads.recordOfAccount(located, collection, rkey),
    )
    const row = target.found
    const uri = `at://${target.did}/${collection}/${rkey}`
    if (!row || (cid !== undefined && row.cid !== cid)) {
      throw new InvalidRequestError(`Could not locate record: ${uri}`, 'RecordNotFound')
    }
    return json({ uri, cid: row.cid, value: cborToLexRecord(row.content) })
  })
}
