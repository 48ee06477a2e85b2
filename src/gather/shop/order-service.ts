// Orders with two sides: the buyer's is.gather.shop.order in its tenant, the
// seller's is.gather.shop.orderUpdate in the seller's. A seller's orders come
// from every active tenant (merged newest first); a buyer's from its own.
import { isValidDid, isValidRecordKey } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { OrderView } from '../../lexicon/generated/types/is/gather/shop/defs.js'
import type { LocatedAccount } from '../../storage/management/tenant-registry.js'
import type { OrderKey, OrderRow } from '../../storage/tenant/order-store.js'
import { decodeCursor, desc, encodeCursor, type TenantFanOut } from '../tenant-fan-out.js'
import { ORDER } from './order-indexer.js'
import { isOrderStatus, ORDER_STATUSES, type OrderStatus } from './order-status.js'
import { type OrderDetail, OrderViews } from './order-views.js'

export type OrderRole = 'buyer' | 'seller'

export type OrderListQuery = { role: string; status?: string; limit: number; cursor?: string }

/** Who lists: an account of ours. */
export type OrderCaller = { did: string; account: LocatedAccount }

export type OrderServiceDeps = { tenants: TenantFanOut }

const MAX_LIMIT = 100
/** Orders a status-filtered list reads per page it answers, at most: past that it answers what it found, with a cursor. */
const MAX_SCANNED = 1000
/** Orders read per round of a status-filtered list: statuses are derived a batch at a time. */
const FILTER_BATCH = 50

export class OrderService {
  private readonly views: OrderViews

  constructor(private readonly deps: OrderServiceDeps) {
    this.views = new OrderViews(deps.tenants)
  }

  /**
   * The caller's orders, newest first: those naming it as seller, from every
   * active tenant, or those it placed. The status filter applies to the
   * derived status, which SQL cannot see, so orders are read in batches and
   * filtered here; the cursor is the key of the last order *read*, not the
   * last returned, so no order is skipped or repeated. A page may thus hold
   * fewer than `limit` orders (after MAX_SCANNED read) while a cursor says
   * more may follow.
   */
  async listOrders(caller: OrderCaller, query: OrderListQuery): Promise<{ orders: OrderView[]; cursor?: string }> {
    const role = checkRole(query.role)
    const status = checkStatus(query.status)
    const limit = checkLimit(query.limit)
    let after = query.cursor === undefined ? undefined : keyOfCursor(query.cursor)
    const batch = status === undefined ? limit : Math.max(limit, FILTER_BATCH)
    const orders: OrderView[] = []
    for (let scanned = 0; scanned < MAX_SCANNED; ) {
      // One more than a batch from each tenant: if more than a batch is left in all, there is more.
      const rows = await this.read(caller, role, batch + 1, after)
      const window = rows.slice(0, batch)
      const more = rows.length > batch
      const details = await this.views.of(window)
      for (const [i, d] of details.entries()) {
        if (status !== undefined && d.status !== status) continue
        orders.push(d.view)
        if (orders.length === limit) {
          const last = i < window.length - 1 || more
          return { orders, cursor: last ? cursorOf(window[i] as OrderRow) : undefined }
        }
      }
      const last = window[window.length - 1]
      if (!more || last === undefined) return { orders }
      after = keyOf(last)
      scanned += window.length
    }
    return { orders, cursor: after && cursorOfKey(after) }
  }

  /** One order, by its at://<did>/is.gather.shop.order/<rkey>; OrderNotFound when it is not indexed here. */
  async getOrder(uri: string): Promise<OrderView> {
    return (await this.findOrder(uri)).view
  }

  /** One order with its seller and current version, as a seller's answer must name them. */
  async findOrder(uri: string): Promise<OrderDetail> {
    const { did, rkey } = parseOrderUri(uri)
    const homes = await this.deps.tenants.homesOf([did])
    const [row] = await this.deps.tenants.run(homes, true, (t) => t.orders.order(did, rkey))
    if (!row) throw new InvalidRequestError(`Order not found: ${uri.slice(0, 300)}`, 'OrderNotFound')
    const [detail] = await this.views.of([row])
    return detail as OrderDetail
  }

  /** `limit` orders after `after`, merged across the tenants that may hold them. */
  private async read(caller: OrderCaller, role: OrderRole, limit: number, after?: OrderKey): Promise<OrderRow[]> {
    if (role === 'buyer') {
      const own = { name: caller.account.domain, db_name: caller.account.db_name }
      const [rows = []] = await this.deps.tenants.run([own], true, (t) =>
        t.orders.orders({ buyer: caller.did, limit, after }),
      )
      return rows
    }
    // Buyers anywhere: a tenant that fails is left out (and logged) rather than failing the seller's list.
    const pages = await this.deps.tenants.run(await this.deps.tenants.active(), false, (t) =>
      t.orders.orders({ seller: caller.did, limit, after }),
    )
    return pages
      .flat()
      .sort((x, y) => desc(x.created_at, y.created_at) || desc(x.did, y.did) || desc(x.rkey, y.rkey))
      .slice(0, limit)
  }
}

function checkRole(role: string): OrderRole {
  if (role !== 'buyer' && role !== 'seller') throw new InvalidRequestError('role must be "buyer" or "seller"')
  return role
}

function checkStatus(status: string | undefined): OrderStatus | undefined {
  if (status === undefined || isOrderStatus(status)) return status
  throw new InvalidRequestError(`status must be one of ${ORDER_STATUSES.join(', ')}`)
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidRequestError(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return limit
}

/** The buyer and record key of an order's at://<did>/is.gather.shop.order/<rkey>; 400 for anything else. */
export function parseOrderUri(uri: string): { did: string; rkey: string } {
  const m = typeof uri === 'string' && uri.length <= 8192 ? /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) : null
  if (!m || !isValidDid(m[1] ?? '') || m[2] !== ORDER || !isValidRecordKey(m[3] ?? '')) {
    throw new InvalidRequestError(`uri must be the at://<did>/${ORDER}/<rkey> of an order`)
  }
  return { did: m[1] as string, rkey: m[3] as string }
}

function keyOf(row: OrderRow): OrderKey {
  return { createdAt: row.created_at, did: row.did, rkey: row.rkey }
}

function cursorOf(row: OrderRow): string {
  return cursorOfKey(keyOf(row))
}

function cursorOfKey(key: OrderKey): string {
  return encodeCursor([key.createdAt, key.did, key.rkey])
}

function keyOfCursor(cursor: string): OrderKey {
  const [createdAt, did, rkey] = decodeCursor(cursor, ['s', 's', 's']) as string[]
  return { createdAt: createdAt as string, did: did as string, rkey: rkey as string }
}
