// Blobs: uploads (size-capped while streaming, CID = raw SHA-256 of the
// bytes, MIME from the bytes where we can tell) and reads. Blobs no record
// uses are deleted by the StorageSweeper after a grace period.
import type { Readable } from 'node:stream'
import { cidForRawBytes } from '@atproto/lex-data'
import { InvalidRequestError, XRPCError } from '@atproto/xrpc-server'
import { readBody } from '../lib/read-body.js'
import type { RepoLocation } from '../repo/repo-service.js'
import { unstorableText } from '../storage/pg-text.js'
import type { Storage } from '../storage/storage.js'
import { blobMime } from './mime.js'

export type UploadedBlob = { cid: string; mimeType: string; size: number }

export type BlobServiceDeps = {
  storage: Storage
  maxBytes: number
}

export class BlobService {
  constructor(private readonly deps: BlobServiceDeps) {}

  async upload(
    repo: RepoLocation,
    contentType: string | undefined,
    body: Readable | Uint8Array,
  ): Promise<UploadedBlob> {
    const bytes =
      body instanceof Uint8Array
        ? body
        : await readBody(body, {
            max: this.deps.maxBytes,
            tooLarge: () => tooLarge(this.deps.maxBytes),
            empty: 'A blob upload needs a non-empty body',
          })
    if (bytes.byteLength > this.deps.maxBytes) throw tooLarge(this.deps.maxBytes)
    const cid = (await cidForRawBytes(bytes)).toString()
    const mimeType = blobMime(bytes, contentType)
    // Held against a move of the account to another domain: it lands before the copy, or is refused
    // (an account whose rows left this tenant stores nothing here).
    const stored = await this.deps.storage.transact(repo.db_name, async (tx) => {
      await tx.accounts.holdUnlessMoving(repo.did)
      return tx.blobs.put(repo.did, { cid, mimeType, content: bytes })
    })
    // As the official PDS: a blob taken down stays down, uploaded again or not.
    if (stored.takedown_ref !== null) throw new InvalidRequestError('Blob has been takendown, cannot re-upload')
    // The same bytes uploaded earlier under another Content-Type keep their first type.
    return { cid, mimeType: stored.mime_type, size: stored.size }
  }

  get(repo: RepoLocation, cid: string) {
    return this.deps.storage.read(repo.db_name, (t) => t.blobs.get(repo.did, cid))
  }

  /** Blobs the account's records use that are not stored yet (com.atproto.repo.listMissingBlobs), in CID order. */
  async listMissing(repo: RepoLocation, opts: { limit: number; cursor?: string }) {
    if (unstorableText(opts.cursor)) throw new InvalidRequestError('Malformed cursor')
    const rows = await this.deps.storage.read(repo.db_name, (t) => t.blobs.listMissing(repo.did, opts))
    return rows.map((r) => ({ cid: r.cid, recordUri: `at://${repo.did}/${r.path}` }))
  }

  list(repo: RepoLocation, opts: { limit: number; cursor?: string; since?: string }): Promise<string[]> {
    if (unstorableText(opts.cursor)) throw new InvalidRequestError('Malformed cursor')
    return this.deps.storage.read(repo.db_name, (t) => t.blobs.listReferenced(repo.did, opts))
  }
}

/** As the official PDS answers it (xrpc-server's blob limit): 413 PayloadTooLarge. */
function tooLarge(max: number): XRPCError {
  return new XRPCError(413, `Blob is larger than the limit of ${max} bytes`, 'PayloadTooLarge')
}
