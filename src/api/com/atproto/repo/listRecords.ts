import { cborToLexRecord } from '@atproto/repo'
import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

type Params = { repo: string; collection: string; limit?: number; cursor?: string; reverse?: boolean }

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.listRecords', async ({ params, req }) => {
    const { repo, collection, cursor, reverse } = params as Params
    const limit = Math.min((params as Params).limit ?? 50, ctx.config.limits.listPageSize)
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
