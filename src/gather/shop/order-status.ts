// An order's status, derived from its seller's is.gather.shop.orderUpdate
// records alone (what the buyer writes of its own order is never read):
// pending until the seller accepts, rejects or cancels it; an accepted order
// can be fulfilled or cancelled; the rest are final. An update that does not
// follow from the status before it changes nothing.
import type { OrderUpdateRow } from '../../storage/tenant/order-store.js'

export const ORDER_STATUSES = ['pending', 'accepted', 'rejected', 'fulfilled', 'cancelled'] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/** What a seller may answer to an order in each status. */
const NEXT: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['accepted', 'rejected', 'cancelled'],
  accepted: ['fulfilled', 'cancelled'],
  rejected: [],
  fulfilled: [],
  cancelled: [],
}

export function isOrderStatus(s: unknown): s is OrderStatus {
  return typeof s === 'string' && (ORDER_STATUSES as readonly string[]).includes(s)
}

/** Whether a seller's update to `to` follows from `from`. */
export function follows(from: OrderStatus, to: string): to is OrderStatus {
  return (NEXT[from] as readonly string[]).includes(to)
}

/** The statuses an order in `from` may move to. */
export function nextStatuses(from: OrderStatus): readonly OrderStatus[] {
  return NEXT[from]
}

/** An order as its status needs it: which version (CID) is current and who sells it. */
export type OrderVersion = { uri: string; cid: string; sellerDid: string | null }

/**
 * The status of `order` and the updates that made it, oldest first: the
 * seller's updates of the order, whichever version of it they name. A buyer's
 * later edit of its own record (its ignored status field, say) changes no
 * status; that the seller answered another version than the current one is
 * one of the view's problems, for the terms may have changed.
 */
export function deriveStatus(
  order: OrderVersion,
  updates: OrderUpdateRow[],
): { status: OrderStatus; applied: OrderUpdateRow[] } {
  let status: OrderStatus = 'pending'
  const applied: OrderUpdateRow[] = []
  if (order.sellerDid === null) return { status, applied }
  const own = updates.filter((u) => u.did === order.sellerDid && u.order_uri === order.uri).sort(oldestFirst)
  for (const u of own) {
    if (!follows(status, u.status)) continue
    status = u.status
    applied.push(u)
  }
  return { status, applied }
}

/** (indexed_at, rkey) ascending, by code unit, as SQL's collate "C" orders them. */
function oldestFirst(a: OrderUpdateRow, b: OrderUpdateRow): number {
  const at = a.indexed_at < b.indexed_at ? -1 : a.indexed_at > b.indexed_at ? 1 : 0
  return at || (a.rkey < b.rkey ? -1 : a.rkey > b.rkey ? 1 : 0)
}
