import { cborToLexRecord } from '@atproto/repo'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepoReading } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.listRecords', async ({ params, req }) => {
    const { repo, collection, cursor, reverse } = params
    const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
    // The account's state and the page in one statement.
    const target = await servableRepoReading(ctx, repo, req, (located) =>
      ctx.repoReads.pageOfAccount(located, { collection, limit, cursor, reverse: reverse === true }),
    )
    const rows = target.found
    if (!rows) throw new InvalidRequestError('Malformed cursor')
    return json({
      cursor: rows.length === limit ? rows[rows.length - 1]?.rkey : undefined,
      records: rows.map((r) => ({
        uri: `at://${target.did}/${r.collection}/${r.rkey}`,
        cid: r.cid,
        value: cborToLexRecord(r.content),
      })),
    })
  })
}
