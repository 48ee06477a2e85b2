import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { servableRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.getBlob', {
    auth: ctx.auth.optionalAccessOrAdmin,
    handler: async ({ params, req, auth }) => {
      const { did, cid } = params
      const target = await servableRepo(ctx, did, req, auth.credentials)
      const blob = await ctx.blobs.get(target, cid)
      if (!blob) throw new InvalidRequestError(`Blob not found: ${cid}`, 'BlobNotFound')
      return {
        encoding: blob.mime_type,
        body: Buffer.from(blob.content),
        headers: {
          // Blobs are user content: never let a browser run or reinterpret them as this origin's.
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'content-disposition': `attachment; filename="${cid}"`,
          'cache-control': 'private, max-age=31536000, immutable',
        },
      }
    },
  })
}
