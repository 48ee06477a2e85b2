// What a webhook is sent (is.gather.webhook.defs#filter): the account's
// notifications (of some reasons, or all), or the firehose's events in
// Jetstream's JSON form filtered as Jetstream filters them. Read once when a
// webhook is made (InvalidFilter for anything else) and kept as it was read.
import { InvalidRequestError } from '@atproto/xrpc-server'
import { filterOf, type JetstreamFilter } from '../../http/streams/jetstream-query.js'
import type { Filter } from '../../lexicon/generated/types/is/gather/webhook/defs.js'
import { NOTIFICATION_REASONS, type NotificationReason } from '../notification/notification-reasons.js'

/** As the lexicon bounds them. */
const MAX_WANTED_COLLECTIONS = 100
const MAX_WANTED_DIDS = 1000

/** A filter as stored: exactly one kind. */
export type WebhookFilter =
  | { notifications: true; reasons?: NotificationReason[] }
  | { wantedCollections?: string[]; wantedDids?: string[] }

/** A stored filter, ready to match events against. */
export type CompiledFilter =
  | { kind: 'notifications'; reasons?: ReadonlySet<string> }
  | { kind: 'jetstream'; filter: JetstreamFilter }

function invalid(message: string): InvalidRequestError {
  return new InvalidRequestError(message, 'InvalidFilter')
}

/** The filter a caller sent, checked and normalised (duplicates gone); InvalidFilter when it is not one we take. */
export function readFilter(input: Filter): WebhookFilter {
  const { notifications, reasons, wantedCollections, wantedDids } = input
  const jetstream = wantedCollections !== undefined || wantedDids !== undefined
  if (notifications === true) {
    if (jetstream) throw invalid('A filter is either notifications or wantedCollections/wantedDids, not both')
    if (reasons === undefined) return { notifications: true }
    const known = new Set<string>(NOTIFICATION_REASONS)
    const unknown = reasons.find((r) => !known.has(r))
    if (unknown !== undefined) throw invalid(`Unknown notification reason: ${JSON.stringify(unknown).slice(0, 64)}`)
    if (reasons.length === 0) throw invalid('reasons, when given, must name at least one reason')
    return { notifications: true, reasons: [...new Set(reasons)] as NotificationReason[] }
  }
  if (reasons !== undefined) throw invalid('reasons go with notifications: true')
  const collections = [...new Set(wantedCollections ?? [])]
  const dids = [...new Set(wantedDids ?? [])]
  if (collections.length === 0 && dids.length === 0) {
    throw invalid('A filter needs notifications: true, or at least one of wantedCollections and wantedDids')
  }
  if (collections.length > MAX_WANTED_COLLECTIONS) throw invalid(`At most ${MAX_WANTED_COLLECTIONS} wantedCollections`)
  if (dids.length > MAX_WANTED_DIDS) throw invalid(`At most ${MAX_WANTED_DIDS} wantedDids`)
  try {
    // Jetstream's own reading of them, so a webhook and /subscribe take the same values.
    filterOf(collections, dids, undefined)
  } catch (err) {
    throw invalid(err instanceof Error ? err.message : String(err))
  }
  return {
    ...(collections.length > 0 ? { wantedCollections: collections } : {}),
    ...(dids.length > 0 ? { wantedDids: dids } : {}),
  }
}

/** A stored filter as the dispatcher matches it; undefined for one that is not (any more) a filter we read. */
export function compileFilter(stored: unknown): CompiledFilter | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined
  const f = stored as Record<string, unknown>
  if (f.notifications === true) {
    const reasons = Array.isArray(f.reasons) ? new Set(f.reasons.map(String)) : undefined
    return { kind: 'notifications', reasons }
  }
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [])
  try {
    return { kind: 'jetstream', filter: filterOf(strings(f.wantedCollections), strings(f.wantedDids), undefined) }
  } catch {
    return undefined
  }
}
