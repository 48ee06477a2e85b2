// What search keeps of a record: the weighted text and JSON of a post or a
// skill listing, the subject and rating of a skill review. A record written
// with validate=false need not match its lexicon, so every field is checked
// here, and a record that cannot be indexed is simply left out.
import { lexToJson } from '@atproto/lexicon'
import type { PreparedRecordWrite } from '../../repo/prepare.js'
import type { ReviewInput, SearchDocInput, WeightedText } from '../../storage/tenant/search-store.js'

export const POST = 'is.gather.feed.post'
export const LISTING = 'is.gather.skill.listing'
export const REVIEW = 'is.gather.skill.review'

/** The collections a commit must tell the search index about. */
export const INDEXED_COLLECTIONS: ReadonlySet<string> = new Set([POST, LISTING, REVIEW])

/** Searchable text is capped: far above what the lexicons allow, far below tsvector's 1 MB limit. */
const MAX_TEXT_CHARS = 32_000
const MAX_URI_CHARS = 8192

export function searchDocOf(w: PreparedRecordWrite): SearchDocInput | null {
  const r = w.record as Record<string, unknown>
  const tags = strings(r.tags).join(' ')
  let text: WeightedText
  if (w.collection === POST) {
    text = capped({ a: '', b: tags, c: '', d: str(r.text) })
  } else if (w.collection === LISTING) {
    text = capped({ a: str(r.name), b: tags, c: str(r.description), d: str(r.usage) })
  } else {
    return null
  }
  return { collection: w.collection, rkey: w.rkey, cid: w.cid.toString(), recordJson: recordJson(w), text }
}

export function reviewOf(w: PreparedRecordWrite): ReviewInput | null {
  const r = w.record as Record<string, unknown>
  const subject = r.subject as Record<string, unknown> | undefined
  const uri = subject?.uri
  const cid = subject?.cid
  if (typeof uri !== 'string' || uri.length > MAX_URI_CHARS || typeof cid !== 'string' || cid.length > 128) return null
  if (!Number.isInteger(r.rating) || (r.rating as number) < 1 || (r.rating as number) > 5) return null
  return { rkey: w.rkey, subjectUri: clean(uri), subjectCid: clean(cid), rating: r.rating as number }
}

function str(v: unknown): string {
  return typeof v === 'string' ? clean(v) : ''
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string').map(clean) : []
}

function capped(t: WeightedText): WeightedText {
  let left = MAX_TEXT_CHARS
  const take = (s: string) => {
    const kept = s.slice(0, left)
    left -= kept.length
    return kept
  }
  return { a: take(t.a), b: take(t.b), c: take(t.c), d: take(t.d) }
}

/**
 * The record's JSON form ($link, $bytes) for jsonb. Postgres text cannot hold
 * U+0000 nor jsonb a lone surrogate, both of which a record may: they become
 * U+FFFD in this copy (the repo keeps the record as written), so no record
 * can make its commit fail here.
 */
export function recordJson(w: PreparedRecordWrite): string {
  return JSON.stringify(cleanJson(lexToJson(w.record)))
}

function cleanJson(v: unknown): unknown {
  if (typeof v === 'string') return clean(v)
  if (Array.isArray(v)) return v.map(cleanJson)
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [clean(k), cleanJson(x)]))
  }
  return v
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** The string with what Postgres text cannot hold (U+0000, lone surrogates) replaced by U+FFFD. */
export function clean(s: string): string {
  return s.replace(UNSTORABLE, '\ufffd')
}
