// Turns what a client asked to write into checked, encoded operations, before
// any lock is taken: collection and rkey syntax, lexicon validation as the
// `validate` flag asks (with its blob fields' accept and maxSize), the
// record's DAG-CBOR bytes and CID, size limit, and the blobs it references.
import { TID } from '@atproto/common-web'
import { encode } from '@atproto/lex-cbor'
import { type Cid, cidForCbor, isCid, type LexMap, parseCid } from '@atproto/lex-data'
import { BlobRef, LexiconDefNotFoundError, type Lexicons, lexToIpld } from '@atproto/lexicon'
import { isValidNsid, isValidRecordKey, isValidTid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { assertBlobConstraints } from './blob-constraints.js'
import { recordLengthMessage } from './string-lengths.js'

export type ValidationStatus = 'valid' | 'unknown'

export type BlobUse = { cid: string; mimeType: string; size: number }

export type PreparedRecordWrite = {
  action: 'create' | 'update'
  collection: string
  rkey: string
  /** The record in the IPLD form the repo encodes. */
  record: LexMap
  cid: Cid
  blobs: BlobUse[]
  validationStatus?: ValidationStatus
  /** undefined: no check; null: the record must not exist; a CID: it must be this one. */
  swapCid?: Cid | null
  /** The rkey is a TID drawn here (a create without one): drawn again if it turns out taken. */
  rkeyDrawn?: boolean
}

export type PreparedDelete = {
  action: 'delete'
  collection: string
  rkey: string
  swapCid?: Cid | null
  /** deleteRecord of a record that is not there succeeds without a commit; in applyWrites it is an error. */
  ifExists?: boolean
}

export type PreparedWrite = PreparedRecordWrite | PreparedDelete

export type WriteRequest =
  | { action: 'create'; collection: string; rkey?: string; record: unknown; swapRecord?: string | null }
  | { action: 'update'; collection: string; rkey: string; record: unknown; swapRecord?: string | null }
  | { action: 'delete'; collection: string; rkey: string; swapRecord?: string | null; ifExists?: boolean }

export type PrepareOptions = {
  lexicons: Lexicons
  /** true: the lexicon must be known; false: skip validation; undefined: validate known lexicons. */
  validate?: boolean
  maxRecordBytes: number
}

export async function prepareWrite(req: WriteRequest, opts: PrepareOptions): Promise<PreparedWrite> {
  const collection = checkCollection(req.collection)
  const swapCid = parseSwap(req.swapRecord, 'swapRecord')
  if (req.action === 'delete') {
    return { action: 'delete', collection, rkey: checkRkey(req.rkey), swapCid, ifExists: req.ifExists }
  }
  const rkey = req.rkey === undefined || req.rkey === '' ? TID.nextStr() : checkRkey(req.rkey)
  const record = withType(req.record, collection)
  const validationStatus = validateRecord(collection, rkey, record, opts)
  // Even with validate: false, a known lexicon's accept and maxSize hold for the blobs it names.
  assertBlobConstraints(opts.lexicons, collection, record)
  const ipld = lexToIpld(record) as LexMap
  let bytes: Uint8Array
  try {
    bytes = encode(ipld)
  } catch (err) {
    throw new InvalidRequestError(`Invalid record: ${(err as Error).message}`)
  }
  if (bytes.byteLength > opts.maxRecordBytes) {
    throw new InvalidRequestError(
      `Record is ${bytes.byteLength} bytes encoded; the limit is ${opts.maxRecordBytes}`,
      'RecordTooBig',
    )
  }
  return {
    action: req.action,
    collection,
    rkey,
    record: ipld,
    cid: await cidForCbor(bytes),
    blobs: findBlobs(record),
    validationStatus,
    swapCid,
    rkeyDrawn: req.action === 'create' && rkey !== req.rkey,
  }
}

export function parseSwap(value: string | null | undefined, field: string): Cid | null | undefined {
  if (value === undefined || value === null) return value
  try {
    return parseCid(value)
  } catch {
    throw new InvalidRequestError(`${field} is not a valid CID: ${value.slice(0, 200)}`)
  }
}

export function checkCollection(collection: string): string {
  if (!isValidNsid(collection))
    throw new InvalidRequestError(`Invalid collection NSID: ${String(collection).slice(0, 320)}`)
  return collection
}

export function checkRkey(rkey: string): string {
  if (!isValidRecordKey(rkey)) throw new InvalidRequestError(`Invalid record key: ${String(rkey).slice(0, 520)}`)
  return rkey
}

/** The record as an object whose $type names its collection (filled in when absent). */
function withType(record: unknown, collection: string): Record<string, unknown> {
  if (!record || typeof record !== 'object' || Array.isArray(record) || record instanceof Uint8Array) {
    throw new InvalidRequestError('record must be an object')
  }
  const obj = record as Record<string, unknown>
  if (obj.$type === undefined) return { ...obj, $type: collection }
  if (obj.$type !== collection) {
    throw new InvalidRequestError(`Invalid $type: expected ${collection}, got ${String(obj.$type).slice(0, 320)}`)
  }
  return obj
}

function validateRecord(
  collection: string,
  rkey: string,
  record: Record<string, unknown>,
  opts: PrepareOptions,
): ValidationStatus | undefined {
  if (opts.validate === false) return undefined
  const def = opts.lexicons.getDef(collection)
  if (!def) {
    if (opts.validate === true) throw new InvalidRequestError(`Lexicon not found: ${collection}`)
    return 'unknown'
  }
  if (def.type !== 'record') throw new InvalidRequestError(`${collection} is not a record type`)
  checkKeyType(def.key, rkey)
  try {
    opts.lexicons.assertValidRecord(collection, record)
  } catch (err) {
    if (err instanceof LexiconDefNotFoundError) throw new InvalidRequestError(err.message)
    const message = recordLengthMessage((err as Error).message, opts.lexicons, collection, record)
    throw new InvalidRequestError(`Invalid ${collection} record: ${message}`)
  }
  return 'valid'
}

/** The record key must have the form the lexicon's `key` declares. */
function checkKeyType(key: string | undefined, rkey: string): void {
  if (!key || key === 'any') return
  if (key === 'tid' && !isValidTid(rkey)) throw new InvalidRequestError(`Record key must be a TID: ${rkey}`)
  if (key === 'nsid' && !isValidNsid(rkey)) throw new InvalidRequestError(`Record key must be an NSID: ${rkey}`)
  if (key.startsWith('literal:') && rkey !== key.slice('literal:'.length)) {
    throw new InvalidRequestError(`Record key must be "${key.slice('literal:'.length)}": ${rkey}`)
  }
}

/** Every blob the record references, wherever it sits in the record. */
function findBlobs(value: unknown, found: BlobUse[] = []): BlobUse[] {
  if (value instanceof BlobRef) {
    found.push({ cid: value.ref.toString(), mimeType: value.mimeType, size: value.size })
  } else if (Array.isArray(value)) {
    for (const v of value) findBlobs(v, found)
  } else if (value && typeof value === 'object' && !(value instanceof Uint8Array) && !isCid(value)) {
    for (const v of Object.values(value)) findBlobs(v, found)
  }
  return found
}
