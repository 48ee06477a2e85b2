import { asMultiformatsCID, parseCid } from '@atproto/lex-data'
import { BlobRef } from '@atproto/lexicon'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.repo.uploadBlob', {
    // A service the account sent a token for this method (the video service) uploads for it, on its budget.
    auth: ctx.auth.accessOrServiceAuth,
    opts: { blobLimit: ctx.config.limits.blobBytes },
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ input, charged: account }) => {
      const blob = await ctx.blobs.upload(account, input.encoding, input.body)
      return json({ blob: new BlobRef(asMultiformatsCID(parseCid(blob.cid)), blob.mimeType, blob.size) })
    },
  })
}
