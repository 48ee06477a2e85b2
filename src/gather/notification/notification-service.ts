// An account's inbox: the notifications that records of active accounts
// anywhere on this server make for it. Each is kept in its author's tenant,
// so a page is merged from every tenant's best page; how far the account has
// read (its seenAt) is kept in its own tenant.
import type { LocatedAccount } from '../../storage/management/tenant-registry.js'
import type { Storage } from '../../storage/storage.js'
import type { NotificationKey, NotificationRow } from '../../storage/tenant/notification-store.js'
import { decodeCursor, desc, pageOf, type TenantFanOut } from '../tenant-fan-out.js'

export type NotificationView = {
  uri: string
  cid: string
  author: { did: string; handle: string }
  reason: string
  reasonSubject?: string
  /** The record in its JSON form ($link, $bytes). */
  record: Record<string, unknown>
  isRead: boolean
  indexedAt: string
}

export type NotificationPage = {
  notifications: NotificationView[]
  cursor?: string
  unreadCount: number
  seenAt?: string
}

export type NotificationQuery = { limit: number; cursor?: string; reasons?: string[] }

export type NotificationServiceDeps = { tenants: TenantFanOut; storage: Storage }

const MAX_LIMIT = 100

export class NotificationService {
  constructor(private readonly deps: NotificationServiceDeps) {}

  /** A page of `account`'s notifications, newest first, with its unread count. */
  async list(account: LocatedAccount, query: NotificationQuery): Promise<NotificationPage> {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), MAX_LIMIT)
    const after = query.cursor === undefined ? undefined : keyOf(query.cursor)
    const reasons = query.reasons === undefined ? undefined : [...new Set(query.reasons)]
    const seenAt = await this.seenAt(account)
    const tenants = await this.deps.tenants.active()
    // One more than a page from each: if more than a page is left in all, there is a next page.
    const found = await this.deps.tenants.run(tenants, false, async (t) => ({
      rows: await t.notifications.list(account.did, { limit: limit + 1, after, reasons }),
      unread: await t.notifications.countAfter(account.did, seenAt),
    }))
    const rows = found.flatMap((f) => f.rows).sort(newestFirst)
    const page = pageOf(rows, limit, (r) => [r.indexed_at, r.author_did, r.rkey, r.collection])
    return {
      notifications: page.rows.map((r) => toView(r, seenAt)),
      cursor: page.cursor,
      unreadCount: found.reduce((sum, f) => sum + f.unread, 0),
      seenAt,
    }
  }

  /** How many of `account`'s notifications were indexed after its seenAt. */
  async unreadCount(account: LocatedAccount): Promise<{ count: number; seenAt?: string }> {
    const seenAt = await this.seenAt(account)
    const counts = await this.deps.tenants.run(await this.deps.tenants.active(), false, (t) =>
      t.notifications.countAfter(account.did, seenAt),
    )
    return { count: counts.reduce((sum, n) => sum + n, 0), seenAt }
  }

  /**
   * Marks `account`'s notifications indexed up to `seenAt` as read. A time
   * ahead of this server's clock is taken as now (else notifications not yet
   * written would be read already), and seenAt never moves backwards.
   */
  async updateSeen(account: LocatedAccount, seenAt: Date): Promise<void> {
    const now = Date.now()
    const at = new Date(Math.min(seenAt.getTime(), now)).toISOString()
    await this.deps.storage.write(account.db_name, (tx) => tx.notifications.setSeenAt(account.did, at))
  }

  /** Up to when `account` has seen its notifications (never set: undefined). */
  seenAt(account: LocatedAccount): Promise<string | undefined> {
    return this.deps.storage.read(account.db_name, (t) => t.notifications.seenAt(account.did))
  }
}

function keyOf(cursor: string): NotificationKey {
  const [indexedAt, authorDid, rkey, collection] = decodeCursor(cursor, ['s', 's', 's', 's']) as string[]
  return { indexedAt, authorDid, rkey, collection }
}

/** The order of the SQL: (indexed_at, author_did, rkey, collection) descending, collated "C" there. */
function newestFirst(x: NotificationRow, y: NotificationRow): number {
  return (
    desc(x.indexed_at, y.indexed_at) ||
    desc(x.author_did, y.author_did) ||
    desc(x.rkey, y.rkey) ||
    desc(x.collection, y.collection)
  )
}

function toView(r: NotificationRow, seenAt: string | undefined): NotificationView {
  const view: NotificationView = {
    uri: `at://${r.author_did}/${r.collection}/${r.rkey}`,
    cid: r.cid,
    author: { did: r.author_did, handle: r.handle },
    reason: r.reason,
    // The indexer stores only records, and a record is an object.
    record: r.record as Record<string, unknown>,
    isRead: seenAt !== undefined && r.indexed_at <= seenAt,
    indexedAt: r.indexed_at,
  }
  if (r.subject_uri !== null) view.reasonSubject = r.subject_uri
  return view
}
