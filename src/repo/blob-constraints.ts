// A lexicon's `accept` and `maxSize` for each blob a record uses. The
// lexicon validator checks only that a blob field holds a blob ref, so we
// walk the record with its schema ourselves. The write path then checks each
// ref's size and MIME type against the stored blob, so these limits hold for
// the bytes really stored, not just for what the client claims.
import { BlobRef, type Lexicons, type LexObject, type LexUserType } from '@atproto/lexicon'
import { InvalidRequestError } from '@atproto/xrpc-server'

type BlobDef = { accept?: string[]; maxSize?: number }
type Walked = LexUserType | LexObject | { type: 'union'; refs: string[] } | { type: 'ref'; ref: string }

/** Throws unless every blob in a record that passed lexicon validation fits its field's `accept` and `maxSize`. */
export function assertBlobConstraints(lexicons: Lexicons, collection: string, record: unknown): void {
  const def = lexicons.getDef(collection)
  if (def?.type !== 'record') return
  walk(lexicons, def.record, record, '')
}

function walk(lexicons: Lexicons, def: Walked, value: unknown, path: string): void {
  if (value === undefined || value === null) return
  switch (def.type) {
    case 'object':
      if (!isObject(value)) return
      for (const [key, propDef] of Object.entries((def as LexObject).properties ?? {})) {
        walk(lexicons, propDef as Walked, value[key], `${path}/${key}`)
      }
      return
    case 'array':
      if (!Array.isArray(value)) return
      value.forEach((item, i) => {
        walk(lexicons, (def as { items: Walked }).items, item, `${path}/${i}`)
      })
      return
    case 'ref':
      walkDef(lexicons, (def as { ref: string }).ref, value, path)
      return
    case 'union': {
      // Refs are absolute lex: URIs once loaded; an open union's unknown $type has no constraints to check.
      const type = isObject(value) ? value.$type : undefined
      const ref = typeof type === 'string' ? matchingRef((def as { refs: string[] }).refs, type) : undefined
      if (ref) walkDef(lexicons, ref, value, path)
      return
    }
    case 'blob':
      if (value instanceof BlobRef) checkBlob(def as BlobDef, value, path)
      return
  }
}

function walkDef(lexicons: Lexicons, uri: string, value: unknown, path: string): void {
  const def = lexicons.getDef(uri)
  if (def) walk(lexicons, def, value, path)
}

/** The union member a $type names, matching `nsid` and `nsid#main` alike. */
function matchingRef(refs: string[], type: string): string | undefined {
  const uri = type.startsWith('lex:') ? type : `lex:${type}`
  const candidates = uri.endsWith('#main') ? [uri, uri.slice(0, -5)] : [uri, `${uri}#main`]
  return refs.find((r) => candidates.includes(r))
}

function checkBlob(def: BlobDef, blob: BlobRef, path: string): void {
  const field = path.slice(1) || 'record'
  if (def.maxSize !== undefined && blob.size > def.maxSize) {
    throw new InvalidRequestError(
      `Blob at ${field} is ${blob.size} bytes; the lexicon allows at most ${def.maxSize}`,
      'BlobTooLarge',
    )
  }
  if (def.accept && !def.accept.some((pattern) => mimeMatches(pattern, blob.mimeType))) {
    throw new InvalidRequestError(
      `Blob at ${field} is ${blob.mimeType.slice(0, 200)}; the lexicon accepts ${def.accept.join(', ')}`,
      'InvalidMimeType',
    )
  }
}

/** Lexicon `accept` patterns: `*\/*`, `type/*` or an exact type. */
export function mimeMatches(pattern: string, mime: string): boolean {
  if (pattern === '*/*') return true
  if (pattern.endsWith('/*')) return mime.startsWith(pattern.slice(0, -1))
  return pattern === mime
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}
