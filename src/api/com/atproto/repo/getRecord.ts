import { cborToLexRecord } from '@atproto/repo'
import { InvalidRequestError, type Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.getRecord', async ({ params, req }) => {
    const { repo, collection, rkey, cid } = params as { repo: string; collection: string; rkey: string; cid?: string }
    const target = await servableRepo(ctx, repo, req)
    const row = await ctx.repoReads.getRecord(target, collection, rkey)
    const uri = `at://${target.did}/${collection}/${rkey}`
    if (!row || (cid !== undefined && row.cid !== cid)) {
      throw new InvalidRequestError(`Could not locate record: ${uri}`, 'RecordNotFound')
    }
    return json({ uri, cid: row.cid, value: cborToLexRecord(row.content) })
  })
}
