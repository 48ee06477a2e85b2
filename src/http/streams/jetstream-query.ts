// The query of a Jetstream subscription, read as Jetstream reads it:
// `wantedCollections` (NSIDs, or prefixes ending in `.*`) filter commit
// events only; `wantedDids` filter every event; `cursor` is a time_us.
import { isValidDid, isValidNsid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { JetstreamEvent } from '../../sync/jetstream-decoder.js'

export const MAX_WANTED_COLLECTIONS = 100
export const MAX_WANTED_DIDS = 10_000

export type JetstreamFilter = {
  collections: Set<string>
  /** `is.gather.*` is held as `is.gather.`: it matches `is.gather.note`, not `is.gatherer.note`. */
  prefixes: string[]
  dids: Set<string>
  /** Events larger than this are not sent (0: no limit). */
  maxMessageBytes: number
}

export type JetstreamQuery = {
  filter: JetstreamFilter
  /** Send the events with time_us at or after this; absent: live only. */
  cursor?: number
}

const PREFIX = /^[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.\*$/
const TIME_US = /^\d{1,16}$/

/**
 * Reads the query; throws InvalidRequestError when it is not one we serve.
 * `lastEventId` (an SSE reconnect's header) names the last event received, so
 * the stream resumes after it, and it wins over the URL's own cursor.
 */
export function parseJetstreamQuery(params: URLSearchParams, lastEventId?: string): JetstreamQuery {
  const filter = filterOf(
    params.getAll('wantedCollections'),
    params.getAll('wantedDids'),
    params.get('maxMessageSizeBytes') ?? undefined,
  )
  // Jetstream's zstd compression and hello handshake: a client that asks for them could not read what we send.
  for (const unsupported of ['compress', 'requireHello']) {
    if (params.get(unsupported) === 'true') throw new InvalidRequestError(`${unsupported} is not supported here`)
  }
  if (lastEventId !== undefined && lastEventId !== '') {
    return { filter, cursor: nonNegativeInt(lastEventId, 'Last-Event-ID') + 1 }
  }
  const cursor = params.get('cursor')
  return { filter, cursor: cursor === null ? undefined : nonNegativeInt(cursor, 'cursor') }
}

/**
 * A subscriber's message on its WebSocket, as Jetstream takes them:
 * `{"type":"options_update","payload":{"wantedCollections":[…],"wantedDids":[…],"maxMessageSizeBytes":N}}`
 * replaces the whole filter (a field left out is no filter of that kind).
 * This is also how a subscriber wants more DIDs than a URL can carry.
 */
export function parseOptionsUpdate(text: string): JetstreamFilter {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    throw new InvalidRequestError('A subscriber message must be JSON')
  }
  const { type, payload } = (message ?? {}) as { type?: unknown; payload?: unknown }
  if (type !== 'options_update' || !payload || typeof payload !== 'object') {
    throw new InvalidRequestError('The only subscriber message is {"type":"options_update","payload":{…}}')
  }
  const { wantedCollections, wantedDids, maxMessageSizeBytes } = payload as Record<string, unknown>
  return filterOf(
    stringList(wantedCollections, 'wantedCollections'),
    stringList(wantedDids, 'wantedDids'),
    maxMessageSizeBytes === undefined || maxMessageSizeBytes === null ? undefined : String(maxMessageSizeBytes),
  )
}

/** A filter of these values (webhooks take the same ones); InvalidRequestError for a value Jetstream would refuse. */
export function filterOf(
  wantedCollections: string[],
  wantedDids: string[],
  maxSize: string | undefined,
): JetstreamFilter {
  if (wantedCollections.length > MAX_WANTED_COLLECTIONS) {
    throw new InvalidRequestError(`At most ${MAX_WANTED_COLLECTIONS} wantedCollections`)
  }
  const filter: JetstreamFilter = { collections: new Set(), prefixes: [], dids: new Set(), maxMessageBytes: 0 }
  for (const c of wantedCollections) {
    if (PREFIX.test(c)) filter.prefixes.push(c.slice(0, -1))
    else if (isValidNsid(c)) filter.collections.add(c)
    else throw new InvalidRequestError(`Invalid wantedCollections value: ${JSON.stringify(c).slice(0, 300)}`)
  }
  if (wantedDids.length > MAX_WANTED_DIDS) throw new InvalidRequestError(`At most ${MAX_WANTED_DIDS} wantedDids`)
  for (const d of wantedDids) {
    if (!isValidDid(d)) throw new InvalidRequestError(`Invalid wantedDids value: ${JSON.stringify(d).slice(0, 300)}`)
    filter.dids.add(d)
  }
  if (maxSize !== undefined) filter.maxMessageBytes = nonNegativeInt(maxSize, 'maxMessageSizeBytes')
  return filter
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value
  throw new InvalidRequestError(`${name} must be an array of strings`)
}

export function isWanted(filter: JetstreamFilter, ev: JetstreamEvent): boolean {
  if (filter.dids.size > 0 && !filter.dids.has(ev.did)) return false
  if (filter.maxMessageBytes > 0 && ev.bytes > filter.maxMessageBytes) return false
  const { collection } = ev
  if (collection === undefined || (filter.collections.size === 0 && filter.prefixes.length === 0)) return true
  return filter.collections.has(collection) || filter.prefixes.some((p) => collection.startsWith(p))
}

function nonNegativeInt(value: string, name: string): number {
  const n = Number(value)
  if (!TIME_US.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidRequestError(`${name} must be a non-negative integer`)
  }
  return n
}
