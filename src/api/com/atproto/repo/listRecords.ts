import { cborToLexRecord } from '@atproto/repo'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.listRecords', async ({ params, req }) => {
    const { repo, collection, cursor, reverse } = params
    const limit = Math.min(params.limit, ctx.config.limits.listPageSize)
    const target = await servableRepo(ctx, repo, req)
    const rows = await ctx.repoReads.listRecords(target, { collection, limit, cursor, reverse: reverse === true })
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
