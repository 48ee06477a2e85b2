import type { Readable } from 'node:stream'
import { asMultiformatsCID, parseCid } from '@atproto/lex-data'
import { BlobRef } from '@atproto/lexicon'
import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.uploadBlob', {
    auth: ctx.auth.access,
    opts: { blobLimit: ctx.config.limits.blobBytes },
    handler: async ({ auth, input, res }) => {
      const { account } = (auth as { credentials: AccessCredentials }).credentials
      const { encoding, body } = input as { encoding: string; body: Readable }
      return ctx.rateLimits.chargeWrite(account, res, async () => {
        const blob = await ctx.blobs.upload(account, encoding, body)
        return json({ blob: new BlobRef(asMultiformatsCID(parseCid(blob.cid)), blob.mimeType, blob.size) })
      })
    },
  })
}
