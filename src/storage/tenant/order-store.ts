// SQL on a tenant's order tables: the buyers' orders (gather_order) and the
// sellers' answers to them (gather_order_update), as plain rows (what a
// record makes of them is gather/shop's business), and the priced listings
// an order's items name, read from the search index. The transactor runs
// inside the commit transaction; the reader sees only the rows of active
// accounts (not deactivated, not moving) and of records not taken down.
import { type RawBuilder, sql } from 'kysely'
import type { TenantDb } from '../storage.js'
import { takenDown } from './search-store.js'

const ORDER = 'is.gather.shop.order'
const ORDER_UPDATE = 'is.gather.shop.orderUpdate'
const LISTING = 'is.gather.skill.listing'

/** An order to keep, as the indexer made it of the record. */
export type OrderInput = {
  rkey: string
  cid: string
  sellerDid: string | null
  /** The record as a JSON string, ready for a jsonb column. */
  recordJson: string
  amountValid: boolean
  problems: string[]
}

export type OrderUpdateInput = {
  rkey: string
  cid: string
  orderUri: string
  orderCid: string
  status: string
  note: string | null
  deliveryRef: string | null
}

export type OrderRow = {
  did: string
  handle: string
  rkey: string
  cid: string
  seller_did: string | null
  record: unknown
  amount_valid: boolean
  problems: unknown
  created_at: string
  indexed_at: string
}

export type OrderUpdateRow = {
  did: string
  rkey: string
  cid: string
  order_uri: string
  order_cid: string
  status: string
  note: string | null
  delivery_ref: string | null
  indexed_at: string
}

/** Where a page of orders resumes: after this order in (created_at, did, rkey) descending order. */
export type OrderKey = { createdAt: string; did: string; rkey: string }

export type ListingRow = { did: string; rkey: string; cid: string; record: unknown }

/** Orders of one buyer, or naming one seller, newest first. */
export type OrderQuery = ({ buyer: string } | { seller: string }) & { limit: number; after?: OrderKey }

/** The alias's account is active: not suspended or taken down, not deactivated, not moving (its rows are in two tenants then). */
function activeAccount(alias: string): RawBuilder<boolean> {
  const a = (column: string) => sql.ref(`${alias}.${column}`)
  return sql<boolean>`${a('status')} = 'active' and ${a('deactivated_at')} is null and ${a('moving_since')} is null`
}

/**
 * No takedown on the record row behind the alias's index row (a record of
 * `collection`). Built with the query builder, not SQL text, so the embedded
 * database's tenant schema applies to the table it names.
 */
function notTakenDown(alias: string, collection: string) {
  // biome-ignore lint/suspicious/noExplicitAny: the where-callback's builders, of whichever aliased query this sits in
  return ({ not, exists, selectFrom }: any) =>
    not(
      exists(
        takenDown(selectFrom, { did: `${alias}.did`, collection: sql<string>`${collection}`, rkey: `${alias}.rkey` }),
      ),
    )
}

export class OrderReader {
  constructor(readonly db: TenantDb) {}

  /** A page of orders by active buyers, newest first (created_at, did, rkey descending). */
  orders(query: OrderQuery): Promise<OrderRow[]> {
    let s = this.db
      .selectFrom('gather_order as o')
      .innerJoin('account as a', 'a.did', 'o.did')
      .select([
        'o.did',
        'a.handle',
        'o.rkey',
        'o.cid',
        'o.seller_did',
        'o.record',
        'o.amount_valid',
        'o.problems',
        'o.created_at',
        'o.indexed_at',
      ])
      .where(activeAccount('a'))
      .where(notTakenDown('o', ORDER))
    s = 'buyer' in query ? s.where('o.did', '=', query.buyer) : s.where('o.seller_did', '=', query.seller)
    const { after } = query
    if (after) {
      s = s.where(sql<boolean>`(o.created_at, o.did, o.rkey) < (${after.createdAt}, ${after.did}, ${after.rkey})`)
    }
    return s
      .orderBy('o.created_at', 'desc')
      .orderBy('o.did', 'desc')
      .orderBy('o.rkey', 'desc')
      .limit(query.limit)
      .execute()
  }

  /** One order of an active buyer, or undefined. */
  order(did: string, rkey: string): Promise<OrderRow | undefined> {
    return this.db
      .selectFrom('gather_order as o')
      .innerJoin('account as a', 'a.did', 'o.did')
      .select([
        'o.did',
        'a.handle',
        'o.rkey',
        'o.cid',
        'o.seller_did',
        'o.record',
        'o.amount_valid',
        'o.problems',
        'o.created_at',
        'o.indexed_at',
      ])
      .where('o.did', '=', did)
      .where('o.rkey', '=', rkey)
      .where(activeAccount('a'))
      .where(notTakenDown('o', ORDER))
      .executeTakeFirst()
  }

  /** The updates these active accounts wrote of these orders, oldest first (indexed_at, rkey). */
  updates(authors: string[], orderUris: string[]): Promise<OrderUpdateRow[]> {
    if (authors.length === 0 || orderUris.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('gather_order_update as u')
      .innerJoin('account as a', 'a.did', 'u.did')
      .select([
        'u.did',
        'u.rkey',
        'u.cid',
        'u.order_uri',
        'u.order_cid',
        'u.status',
        'u.note',
        'u.delivery_ref',
        'u.indexed_at',
      ])
      .where('u.order_uri', 'in', orderUris)
      .where('u.did', 'in', authors)
      .where(activeAccount('a'))
      .where(notTakenDown('u', ORDER_UPDATE))
      .orderBy('u.indexed_at')
      .orderBy('u.rkey')
      .execute()
  }

  /** The handles of those of these accounts that are active here. */
  activeHandles(dids: string[]): Promise<{ did: string; handle: string }[]> {
    if (dids.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('account as a')
      .select(['a.did', 'a.handle'])
      .where('a.did', 'in', dids)
      .where(activeAccount('a'))
      .execute()
  }

  /** The current records of these skill listings of active accounts (as search indexed them). */
  listings(keys: { did: string; rkey: string }[]): Promise<ListingRow[]> {
    if (keys.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('search_doc as d')
      .innerJoin('account as a', 'a.did', 'd.did')
      .select(['d.did', 'd.rkey', 'd.cid', 'd.record'])
      .where('d.collection', '=', LISTING)
      .where('d.did', 'in', [...new Set(keys.map((k) => k.did))])
      .where('d.rkey', 'in', [...new Set(keys.map((k) => k.rkey))])
      .where(activeAccount('a'))
      .where(notTakenDown('d', LISTING))
      .execute()
  }
}

export class OrderTransactor extends OrderReader {
  async upsertOrders(did: string, orders: OrderInput[], now: string): Promise<void> {
    if (orders.length === 0) return
    await this.db
      .insertInto('gather_order')
      .values(
        orders.map((o) => ({
          did,
          rkey: o.rkey,
          cid: o.cid,
          seller_did: o.sellerDid,
          record: sql`${o.recordJson}::jsonb`,
          amount_valid: o.amountValid,
          problems: sql`${JSON.stringify(o.problems)}::jsonb`,
          created_at: now,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        // created_at stays: an edited order keeps its place among the seller's orders.
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({
          cid: eb.ref('excluded.cid'),
          seller_did: eb.ref('excluded.seller_did'),
          record: eb.ref('excluded.record'),
          amount_valid: eb.ref('excluded.amount_valid'),
          problems: eb.ref('excluded.problems'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async deleteOrders(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('gather_order').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }

  async upsertUpdates(did: string, updates: OrderUpdateInput[], now: string): Promise<void> {
    if (updates.length === 0) return
    await this.db
      .insertInto('gather_order_update')
      .values(
        updates.map((u) => ({
          did,
          rkey: u.rkey,
          cid: u.cid,
          order_uri: u.orderUri,
          order_cid: u.orderCid,
          status: u.status,
          note: u.note,
          delivery_ref: u.deliveryRef,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        // An edited update keeps its place among the seller's answers (indexed_at stays): fixing a note must not
        // rewind an order that went on from it, as reading it after the later answers would.
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({
          cid: eb.ref('excluded.cid'),
          order_uri: eb.ref('excluded.order_uri'),
          order_cid: eb.ref('excluded.order_cid'),
          status: eb.ref('excluded.status'),
          note: eb.ref('excluded.note'),
          delivery_ref: eb.ref('excluded.delivery_ref'),
        })),
      )
      .execute()
  }

  async deleteUpdates(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('gather_order_update').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }
}
