// What each webhook is sent of a page of firehose events: a Jetstream-filter
// webhook each JSON event its filter wants, as /subscribe would send it; a
// notifications webhook each record another active account wrote that
// concerns the webhook's account (notification-reasons.ts, the inbox's own
// rule), as a notificationView. Each delivery is keyed by its event's seq and
// its place among the event's JSON events, so it is queued once however
// often the page is matched.
import { isWanted } from '../../http/streams/jetstream-query.js'
import type { NewDelivery, WebhookRow } from '../../storage/management/webhook-store.js'
import type { JetstreamEvent } from '../../sync/jetstream-decoder.js'
import { NOTIFYING_COLLECTIONS, notificationsOf } from '../notification/notification-reasons.js'
import { type CompiledFilter, compileFilter } from './webhook-filter.js'

/** One firehose event as the dispatcher reads it. */
export type DecodedEvent = { seq: number; timeUs: number; events: JetstreamEvent[] }

/** Who wrote a record, as a notification names them; absent when not an active account of ours. */
export type AuthorOf = (dids: string[]) => Promise<Map<string, { did: string; handle: string }>>

type Hook = { row: WebhookRow; filter: CompiledFilter; fromSeq: number }
type CommitJson = {
  did: string
  commit: { operation: string; collection: string; rkey: string; cid?: string; record?: unknown }
}

/** A notification's matched parts, waiting for its author's handle. */
type Pending = { hook: Hook; seq: number; idx: number; author: string; body: Omit<NotificationBody, 'author'> }
type NotificationBody = {
  uri: string
  cid: string
  author: { did: string; handle: string }
  reason: string
  reasonSubject?: string
  record: unknown
  indexedAt: string
}

/** The deliveries `page` makes for `webhooks`, in (webhook, seq, idx) order per webhook. */
export async function matchPage(
  page: DecodedEvent[],
  webhooks: WebhookRow[],
  authorOf: AuthorOf,
): Promise<NewDelivery[]> {
  const hooks: Hook[] = []
  for (const row of webhooks) {
    const filter = compileFilter(row.filter)
    if (filter) hooks.push({ row, filter, fromSeq: Number(row.from_seq) })
  }
  const jetstream = hooks.filter((h) => h.filter.kind === 'jetstream')
  const byRecipient = new Map<string, Hook[]>()
  for (const h of hooks) {
    if (h.filter.kind === 'notifications') byRecipient.set(h.row.did, [...(byRecipient.get(h.row.did) ?? []), h])
  }
  const out: NewDelivery[] = []
  const pending: Pending[] = []
  for (const { seq, timeUs, events } of page) {
    events.forEach((ev, idx) => {
      for (const h of jetstream) {
        if (h.fromSeq < seq && h.filter.kind === 'jetstream' && isWanted(h.filter.filter, ev)) {
          out.push({ webhookId: h.row.id, seq, idx, payload: eventPayload(h.row.id, seq, ev) })
        }
      }
      if (byRecipient.size > 0) pending.push(...notificationsFor(ev, seq, idx, timeUs, byRecipient))
    })
  }
  if (pending.length > 0) {
    const authors = await authorOf([...new Set(pending.map((p) => p.author))])
    for (const p of pending) {
      const author = authors.get(p.author)
      if (!author) continue
      const notification: NotificationBody = { ...p.body, author }
      out.push({ webhookId: p.hook.row.id, seq: p.seq, idx: p.idx, payload: notificationPayload(p, notification) })
    }
  }
  return out
}

function notificationsFor(
  ev: JetstreamEvent,
  seq: number,
  idx: number,
  timeUs: number,
  byRecipient: Map<string, Hook[]>,
): Pending[] {
  if (ev.collection === undefined || !NOTIFYING_COLLECTIONS.has(ev.collection)) return []
  const { did, commit } = JSON.parse(ev.json.toString('utf8')) as CommitJson
  // A record notifies when it is created, as the inbox keeps it: an update tells no one anew.
  if (commit.operation !== 'create' || !commit.cid) return []
  const found: Pending[] = []
  for (const target of notificationsOf(did, commit.collection, commit.record)) {
    for (const hook of byRecipient.get(target.recipient) ?? []) {
      if (hook.fromSeq >= seq || hook.filter.kind !== 'notifications') continue
      if (hook.filter.reasons && !hook.filter.reasons.has(target.reason)) continue
      found.push({
        hook,
        seq,
        idx,
        author: did,
        body: {
          uri: `at://${did}/${commit.collection}/${commit.rkey}`,
          cid: commit.cid,
          reason: target.reason,
          ...(target.subjectUri ? { reasonSubject: target.subjectUri } : {}),
          record: commit.record,
          indexedAt: new Date(Math.floor(timeUs / 1000)).toISOString(),
        },
      })
    }
  }
  return found
}

/** `{"type":"event",…}` with the JSON event as /subscribe sends it, its bytes as they are. */
function eventPayload(webhookId: string, seq: number, ev: JetstreamEvent): string {
  return `{"type":"event","webhook":${JSON.stringify(webhookId)},"seq":${seq},"event":${ev.json.toString('utf8')}}`
}

function notificationPayload(p: Pending, notification: NotificationBody): string {
  const { uri, cid, author, reason, reasonSubject, record, indexedAt } = notification
  return JSON.stringify({
    type: 'notification',
    webhook: p.hook.row.id,
    seq: p.seq,
    notification: { uri, cid, author, reason, reasonSubject, record, indexedAt },
  })
}
