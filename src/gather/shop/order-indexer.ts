// Orders as a commit indexer: a buyer's is.gather.shop.order becomes a
// gather_order row (its seller, its record, the sum check), a seller's
// is.gather.shop.orderUpdate a gather_order_update row, in the author's
// tenant and the commit's transaction. Which updates count is decided when
// the order is read (order-status.ts), not here.

import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedRecordWrite, PreparedWrite } from '../../repo/prepare.js'
import type { OrderInput, OrderUpdateInput } from '../../storage/tenant/order-store.js'
import type { TenantTransactor } from '../../storage/tenant/tenant-store.js'
import { orderSeller } from '../notification/notification-reasons.js'
import { clean, recordJson } from '../search/indexed-record.js'
import { isObject, sumProblems } from './order-checks.js'

export const ORDER = 'is.gather.shop.order'
export const ORDER_UPDATE = 'is.gather.shop.orderUpdate'

/** The lexicon's bounds of an update's fields, in UTF-8 bytes. */
const MAX_STATUS_BYTES = 32
const MAX_NOTE_BYTES = 3000
const MAX_DELIVERY_REF_BYTES = 2048
const MAX_URI_CHARS = 8192
const MAX_CID_CHARS = 128

export const orderIndexer: CommitIndexer = {
  wants: (collection) => collection === ORDER || collection === ORDER_UPDATE,
  index: indexWrites,
}

async function indexWrites(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void> {
  const orders: OrderInput[] = []
  const updates: OrderUpdateInput[] = []
  const goneOrders: string[] = []
  const goneUpdates: string[] = []
  for (const w of writes) {
    if (w.collection === ORDER) {
      // An order that is not an object is not indexed: an update to one removes the old row.
      const order = w.action === 'delete' ? null : orderOf(w)
      if (order) orders.push(order)
      else goneOrders.push(w.rkey)
    } else if (w.collection === ORDER_UPDATE) {
      const update = w.action === 'delete' ? null : orderUpdateOf(w)
      if (update) updates.push(update)
      else goneUpdates.push(w.rkey)
    }
  }
  const now = new Date().toISOString()
  await tx.orders.upsertOrders(did, orders, now)
  await tx.orders.upsertUpdates(did, updates, now)
  await tx.orders.deleteOrders(did, goneOrders)
  await tx.orders.deleteUpdates(did, goneUpdates)
}

function orderOf(w: PreparedRecordWrite): OrderInput | null {
  const r: unknown = w.record
  if (!isObject(r)) return null
  const problems = sumProblems(r)
  return {
    rkey: w.rkey,
    cid: w.cid.toString(),
    sellerDid: orderSeller(r) ?? null,
    recordJson: recordJson(w),
    amountValid: problems.length === 0,
    problems,
  }
}

/** The update's row, or null when it names no order (by strong ref) or has no status the lexicon allows. */
function orderUpdateOf(w: PreparedRecordWrite): OrderUpdateInput | null {
  const r: unknown = w.record
  if (!isObject(r) || !isObject(r.order)) return null
  const { uri, cid } = r.order
  if (typeof uri !== 'string' || uri.length > MAX_URI_CHARS || !/^at:\/\/[^/]+\/is\.gather\.shop\.order\//.test(uri)) {
    return null
  }
  if (typeof cid !== 'string' || cid.length > MAX_CID_CHARS) return null
  const status = text(r.status, MAX_STATUS_BYTES)
  if (status === null) return null
  return {
    rkey: w.rkey,
    cid: w.cid.toString(),
    orderUri: clean(uri),
    orderCid: clean(cid),
    status,
    // Out of the lexicon's bounds (a record written with validate=false), a note is left out rather than cut.
    note: text(r.note, MAX_NOTE_BYTES),
    deliveryRef: text(r.deliveryRef, MAX_DELIVERY_REF_BYTES),
  }
}

function text(v: unknown, maxBytes: number): string | null {
  return typeof v === 'string' && Buffer.byteLength(v, 'utf8') <= maxBytes ? clean(v) : null
}
