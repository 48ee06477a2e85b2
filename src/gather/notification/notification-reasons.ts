// Which accounts a record concerns, and why: the one rule behind the inbox
// (kept by the commit indexer) and the webhooks' notifications (read from the
// firehose), so the two cannot disagree. A record is read as plain data: a
// record in its lex form (CID objects) or its JSON form ($link) gives the
// same answer, since only strings (AT-URIs, DIDs) are looked at, and a record
// written with validate=false that does not match its lexicon concerns no one.
import { isValidDid } from '@atproto/syntax'
import { recordUriParts } from '../record-uri.js'

export const NOTIFICATION_REASONS = ['reply', 'mention', 'review', 'order', 'orderUpdate', 'vote'] as const
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number]

/** One account a record concerns: why, and which of its records it is about (none for a mention). */
export type NotificationTarget = { recipient: string; reason: NotificationReason; subjectUri?: string }

const POST = 'is.gather.feed.post'
const VOTE = 'is.gather.feed.vote'
const REVIEW = 'is.gather.skill.review'
const LISTING = 'is.gather.skill.listing'
const ORDER = 'is.gather.shop.order'
const ORDER_UPDATE = 'is.gather.shop.orderUpdate'
const MENTION = 'app.bsky.richtext.facet#mention'

/** The collections whose records may concern another account. */
export const NOTIFYING_COLLECTIONS: ReadonlySet<string> = new Set([POST, VOTE, REVIEW, ORDER, ORDER_UPDATE])

/** A record's largest facet list looked at: the lexicon allows 64. */
const MAX_FACETS = 64

/**
 * The accounts `record` (written by `author` in `collection`) concerns, each
 * once (the first reason in the order above), never its author.
 */
export function notificationsOf(author: string, collection: string, record: unknown): NotificationTarget[] {
  const r = isObject(record) ? record : {}
  const found: NotificationTarget[] = []
  const add = (recipient: string | undefined, reason: NotificationReason, subjectUri?: string) => {
    if (!recipient || recipient === author || !isValidDid(recipient)) return
    if (found.some((t) => t.recipient === recipient)) return
    found.push(subjectUri === undefined ? { recipient, reason } : { recipient, reason, subjectUri })
  }
  if (collection === POST) {
    const reply = isObject(r.reply) ? r.reply : {}
    for (const part of [reply.parent, reply.root]) {
      const uri = refUri(part, POST)
      if (uri) add(didOf(uri), 'reply', uri)
    }
    for (const did of mentionedDids(r.facets)) add(did, 'mention')
  } else if (collection === VOTE) {
    const uri = refUri(r.subject, POST)
    if (uri) add(didOf(uri), 'vote', uri)
  } else if (collection === REVIEW) {
    const uri = refUri(r.subject, LISTING)
    if (uri) add(didOf(uri), 'review', uri)
  } else if (collection === ORDER) {
    const seller = orderSeller(r)
    if (seller) add(seller, 'order')
  } else if (collection === ORDER_UPDATE) {
    const uri = refUri(r.order, ORDER)
    if (uri) add(didOf(uri), 'orderUpdate', uri)
  }
  return found
}

/**
 * The seller an order names: its seller field, or else the one author of its
 * items' product records (none when they name several, or none).
 */
export function orderSeller(order: Record<string, unknown>): string | undefined {
  if (typeof order.seller === 'string') return isValidDid(order.seller) ? order.seller : undefined
  const items = Array.isArray(order.items) ? order.items : []
  const authors = new Set<string>()
  for (const item of items) {
    const uri = isObject(item) ? refUri(item.product) : undefined
    const did = uri ? didOf(uri) : undefined
    if (did) authors.add(did)
  }
  return authors.size === 1 ? [...authors][0] : undefined
}

/** The AT-URI of a strong ref (of `collection`, when named), with a DID authority. */
function refUri(ref: unknown, collection?: string): string | undefined {
  if (!isObject(ref) || typeof ref.uri !== 'string') return undefined
  const parts = recordUriParts(ref.uri)
  if (!parts || (collection !== undefined && parts.collection !== collection)) return undefined
  return ref.uri
}

function didOf(uri: string): string | undefined {
  return /^at:\/\/([^/]+)\//.exec(uri)?.[1]
}

function mentionedDids(facets: unknown): string[] {
  if (!Array.isArray(facets)) return []
  const dids: string[] = []
  for (const facet of facets.slice(0, MAX_FACETS)) {
    const features = isObject(facet) && Array.isArray(facet.features) ? facet.features : []
    for (const f of features) {
      if (isObject(f) && f.$type === MENTION && typeof f.did === 'string') dids.push(f.did)
    }
  }
  return dids
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
