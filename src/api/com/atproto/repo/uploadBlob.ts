import { asMultiformatsCID, parseCid } from '@atproto/lex-data'
import { BlobRef } from '@atproto/lexicon'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.uploadBlob', {
    auth: ctx.auth.access,
    opts: { blobLimit: ctx.config.limits.blobBytes },
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ input, charged: account }) => {
      const blob = await ctx.blobs.upload(account, input.encoding, input.body)
      return json({ blob: new BlobRef(asMultiformatsCID(parseCid(blob.cid)), blob.mimeType, blob.size) })
    },
  })
}
