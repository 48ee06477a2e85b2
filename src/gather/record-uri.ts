// The AT-URI of one record, as the wing's indexes take it: at://<did>/<collection>/<rkey>
// and nothing more (no handle, query or fragment), every part valid. Such a URI goes
// into a text column, which cannot hold what a record key cannot (U+0000, say).
import { isValidDid, isValidNsid, isValidRecordKey } from '@atproto/syntax'

/** An at:// URI may be up to 8 KB (AT URI spec). */
export const MAX_URI_CHARS = 8192

export type RecordUriParts = { did: string; collection: string; rkey: string }

export function recordUriParts(uri: string): RecordUriParts | undefined {
  if (uri.length > MAX_URI_CHARS) return undefined
  const m = /^at:\/\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)$/.exec(uri)
  if (!m || !isValidDid(m[1]) || !isValidNsid(m[2]) || !isValidRecordKey(m[3])) return undefined
  return { did: m[1], collection: m[2], rkey: m[3] }
}

/** Whether `uri` is the DID-form AT-URI of a record of `collection`. */
export function isRecordUri(uri: string, collection: string): boolean {
  return recordUriParts(uri)?.collection === collection
}
