// Orders as their readers see them (is.gather.shop.defs#orderView): each
// order's row from its buyer's tenant, its status from its seller's updates
// in the seller's tenant, and the price check against the listings its items
// name, in their authors' tenants. A page of orders costs one read per
// tenant involved, whatever its length.
import type { OrderUpdateView, OrderView } from '../../lexicon/generated/types/is/gather/shop/defs.js'
import type { OrderRow, OrderUpdateRow } from '../../storage/tenant/order-store.js'
import type { TenantFanOut } from '../tenant-fan-out.js'
import { type ListingPrice, listingId, listingPrice, listingsNamed, priceProblems } from './order-checks.js'
import { ORDER, ORDER_UPDATE } from './order-indexer.js'
import { deriveStatus, type OrderStatus } from './order-status.js'

/** An order's view, with what a seller's answer must name: its seller and current version. */
export type OrderDetail = { view: OrderView; status: OrderStatus; sellerDid: string | null; cid: string }

export function orderUri(row: Pick<OrderRow, 'did' | 'rkey'>): string {
  return `at://${row.did}/${ORDER}/${row.rkey}`
}

export class OrderViews {
  constructor(private readonly tenants: TenantFanOut) {}

  /** The views of these orders, in the same order. */
  async of(rows: OrderRow[]): Promise<OrderDetail[]> {
    if (rows.length === 0) return []
    const records = rows.map(recordOf)
    const [seller, prices] = await Promise.all([this.sellerSide(rows), this.pricesOf(records)])
    return rows.map((row, i) => {
      const record = records[i] as Record<string, unknown>
      const uri = orderUri(row)
      const { status, applied } = deriveStatus({ uri, cid: row.cid, sellerDid: row.seller_did }, seller.updates)
      const priceIssues = priceProblems(record, prices)
      const problems = [...storedProblems(row.problems), ...priceIssues]
      const answered = applied[applied.length - 1]
      if (answered !== undefined && answered.order_cid !== row.cid) {
        problems.push(
          `The buyer changed the order after the seller's last answer (${answered.status}), which named version ${answered.order_cid}.`,
        )
      }
      const sellerHandle = row.seller_did === null ? undefined : seller.handles.get(row.seller_did)
      const view: OrderView = {
        uri,
        cid: row.cid,
        buyer: { did: row.did, handle: row.handle },
        record,
        status,
        amountValid: row.amount_valid && priceIssues.length === 0,
        problems,
        updates: applied.map(updateView),
        indexedAt: row.indexed_at,
      }
      // A seller not active here is named by DID in the record; the view's seller needs a handle.
      if (row.seller_did !== null && sellerHandle !== undefined) {
        view.seller = { did: row.seller_did, handle: sellerHandle }
      }
      return { view, status, sellerDid: row.seller_did, cid: row.cid }
    })
  }

  /**
   * The sellers' updates of these orders and the sellers' handles, from the
   * sellers' tenants. Strict: a status derived without its seller's updates
   * would be wrong, so a tenant that fails fails the read.
   */
  private async sellerSide(rows: OrderRow[]): Promise<{ updates: OrderUpdateRow[]; handles: Map<string, string> }> {
    const sellers = [...new Set(rows.flatMap((r) => (r.seller_did === null ? [] : [r.seller_did])))]
    if (sellers.length === 0) return { updates: [], handles: new Map() }
    const uris = rows.map(orderUri)
    const found = await this.tenants.run(await this.tenants.homesOf(sellers), true, async (t) => ({
      updates: await t.orders.updates(sellers, uris),
      handles: await t.orders.activeHandles(sellers),
    }))
    return {
      updates: found.flatMap((f) => f.updates),
      handles: new Map(found.flatMap((f) => f.handles.map((h) => [h.did, h.handle] as const))),
    }
  }

  /** The prices of the priced listings these orders name, by "did/rkey", from their authors' tenants. */
  private async pricesOf(records: Record<string, unknown>[]): Promise<Map<string, ListingPrice>> {
    const keys = records.flatMap(listingsNamed)
    const prices = new Map<string, ListingPrice>()
    if (keys.length === 0) return prices
    const wanted = new Set(keys.map(listingId))
    const found = await this.tenants.run(await this.tenants.homesOf(keys.map((k) => k.did)), true, (t) =>
      t.orders.listings(keys),
    )
    for (const listing of found.flat()) {
      const id = listingId(listing)
      const price = listingPrice(listing.record)
      if (wanted.has(id) && price) prices.set(id, price)
    }
    return prices
  }
}

function recordOf(row: OrderRow): Record<string, unknown> {
  // The indexer keeps only records that are objects.
  return row.record as Record<string, unknown>
}

function storedProblems(problems: unknown): string[] {
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : []
}

function updateView(u: OrderUpdateRow): OrderUpdateView {
  const view: OrderUpdateView = {
    uri: `at://${u.did}/${ORDER_UPDATE}/${u.rkey}`,
    cid: u.cid,
    status: u.status,
    indexedAt: u.indexed_at,
  }
  if (u.note !== null) view.note = u.note
  if (u.delivery_ref !== null) view.deliveryRef = u.delivery_ref
  return view
}
