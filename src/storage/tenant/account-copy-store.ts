// Every row of one account in a tenant, as a move between two of our tenant
// domains carries it (AccountMoves): read out of one tenant page by page,
// written into another a page at a time (copyAccount), and deleted from
// either as an account is (AccountTransactor.delete: the root first, the
// account row last, its foreign keys taking the rest). What is per account
// and what becomes of it when the account moves:
//   moved: account, app_password, refresh_token (sessions stay logged in),
//     account_pref, repo_root, repo_block, record, blob, record_blob,
//     plc_operation (the op log, so the next op chains on it), agent_key,
//     search_doc, skill_review, listing_version, gather_notification (by its
//     author_did), gather_notification_seen, gather_vote, gather_channel,
//     gather_channel_post, gather_order, gather_order_update, gather_profile
//     (the wing's indexes of its records, and its inbox's seenAt);
//   dropped: email_token (codes mailed in the old domain's name; asked again),
//     invite_disabled_account (the old domain's invite state);
//   left behind: outbox (its events are sequenced from the old tenant before
//     the move goes on), mail_queue (mail already queued is still sent),
//     invite_code and invite_code_use (the old domain's codes and their history).
import { type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder, sql } from 'kysely'
import type { AccountTable, TenantSchema } from '../schema.js'
import type { Storage, TenantDb } from '../storage.js'

/** Tables copied as they are, in an order their foreign keys accept. */
const MOVED = [
  'account',
  'app_password',
  'refresh_token',
  'account_pref',
  'repo_root',
  'repo_block',
  'record',
  'blob',
  'record_blob',
  'plc_operation',
  'agent_key',
  'search_doc',
  'skill_review',
  'listing_version',
  'gather_notification',
  'gather_notification_seen',
  'gather_vote',
  'gather_channel',
  'gather_channel_post',
  'gather_order',
  'gather_order_update',
  'gather_profile',
] as const satisfies readonly (keyof TenantSchema)[]

type MovedTable = (typeof MOVED)[number]

/** The jsonb columns that hold a JSON array (the driver would send an array as a Postgres one). */
const JSON_ARRAY_COLUMNS: Partial<Record<MovedTable, readonly string[]>> = {
  gather_profile: ['capabilities'],
  gather_order: ['problems'],
}

/** Tables whose id is the database's own (a sequence): the copy gets new ids, in the same order. */
const OWN_IDS: ReadonlySet<MovedTable> = new Set(['account_pref', 'plc_operation'])

/**
 * How a move pages through each table: its key within the account (the rest
 * of its primary key after did; the account takes no writes while it is
 * copied, so keyset pages in key order see every row once), and for tables
 * whose rows may be large, the bytes a row carries (blob and block contents
 * up to limits.blobBytes or a block's size, a search document's record and text).
 */
const PAGING: Record<MovedTable, { key: readonly string[]; bytes?: RawBuilder<number>; owner?: string }> = {
  account: { key: ['did'] },
  app_password: { key: ['name'] },
  refresh_token: { key: ['id'] },
  account_pref: { key: ['id'] },
  repo_root: { key: ['did'] },
  repo_block: { key: ['cid'], bytes: sql<number>`octet_length(${sql.ref('content')})` },
  record: { key: ['collection', 'rkey'] },
  blob: { key: ['cid'], bytes: sql<number>`octet_length(${sql.ref('content')})` },
  record_blob: { key: ['blob_cid', 'record_path'] },
  plc_operation: { key: ['id'] },
  agent_key: { key: ['did'] },
  // The text twice: once as itself, once as its tsvector.
  search_doc: {
    key: ['collection', 'rkey'],
    bytes: sql<number>`octet_length(${sql.ref('record')}::text) + 2 * octet_length(${sql.ref('text')})`,
  },
  skill_review: { key: ['rkey'] },
  listing_version: { key: ['rkey', 'cid'] },
  // A notification is its author's row (the recipient may be anywhere).
  gather_notification: {
    key: ['collection', 'rkey', 'recipient_did', 'reason'],
    bytes: sql<number>`octet_length(${sql.ref('record')}::text)`,
    owner: 'author_did',
  },
  gather_notification_seen: { key: ['did'] },
  gather_vote: { key: ['rkey'] },
  gather_channel: { key: ['rkey'], bytes: sql<number>`octet_length(${sql.ref('record')}::text)` },
  gather_channel_post: { key: ['rkey'] },
  gather_order: { key: ['rkey'], bytes: sql<number>`octet_length(${sql.ref('record')}::text)` },
  gather_order_update: {
    key: ['rkey'],
    bytes: sql<number>`coalesce(octet_length(${sql.ref('note')}), 0) + coalesce(octet_length(${sql.ref('delivery_ref')}), 0)`,
  },
  gather_profile: { key: ['did'], bytes: sql<number>`octet_length(${sql.ref('record')}::text)` },
}

/**
 * The memory bound of a move: it holds one page at a time (read from A,
 * inserted into B, dropped), at most `rows` rows, and of a table with large
 * rows at most `bytes` of them, or a single row larger than that (one blob,
 * at most limits.blobBytes as it was when uploaded). Every other table's rows
 * are small (keys, timestamps, a PLC op, one preference), so a page is about
 * max(bytes, the largest row) plus 100 small rows, whatever the account holds.
 * 100 rows is also one INSERT, far below Postgres's limit of bind parameters.
 */
export type CopyPaging = { rows: number; bytes: number }
export const COPY_PAGING: CopyPaging = { rows: 100, bytes: 4 * 1024 * 1024 }

type Row = Record<string, unknown>
/** One page of a table: its rows, and the key to read the next page after (none: the table is done). */
type Page = { rows: Row[]; next?: unknown[] }
export type AccountRows = { did: string; tables: Record<MovedTable, Row[]> }

// biome-ignore lint/suspicious/noExplicitAny: the same statements run on each table by name; their rows are copied whole
type AnyDb = Kysely<any>
// biome-ignore lint/suspicious/noExplicitAny: as AnyDb
type AnySelect = SelectQueryBuilder<any, any, any>

export class AccountCopyReader {
  constructor(readonly db: TenantDb) {}

  /**
   * One page of `table`'s rows of `did` after the key `after` (from the
   * first without), in key order: at most `paging.rows` rows, and of a table
   * with large rows at most `paging.bytes` of them (at least one row).
   */
  async page(did: string, table: MovedTable, after: unknown[] | undefined, paging = COPY_PAGING): Promise<Page> {
    const db = this.db as unknown as AnyDb
    const { key, bytes, owner = 'did' } = PAGING[table]
    const ofAccount = (q: AnySelect): AnySelect => {
      q = q.where(owner, '=', did)
      if (after) q = q.where(keyAfter(key, after))
      for (const column of key) q = q.orderBy(column)
      return q.limit(paging.rows)
    }
    let q = ofAccount(db.selectFrom(table).selectAll())
    let more: boolean | undefined
    // Where the next page starts: the last key of this one as the sizes saw it, so rows a sweep
    // deleted between the two reads (a dropped block, an unused blob) cannot end the table early.
    let lastKey: unknown[] | undefined
    if (bytes) {
      // The sizes first (octet_length reads no content), then the rows that fit the budget.
      const sizes: Row[] = await ofAccount(db.selectFrom(table).select([...key, bytes.as('row_bytes')])).execute()
      let fit = 0
      for (let total = 0; fit < sizes.length; fit++) {
        total += Number(sizes[fit]?.row_bytes)
        if (fit > 0 && total > paging.bytes) break
      }
      if (fit === 0) return { rows: [] }
      lastKey = keyOf(key, sizes[fit - 1] as Row)
      q = q.where(keyAtMost(key, lastKey))
      more = fit < sizes.length || sizes.length === paging.rows
    }
    // The tsvector is carried as its text form and cast back.
    if (table === 'search_doc') q = q.select(sql<string>`tsv::text`.as('tsv'))
    const rows: Row[] = await q.execute()
    more ??= rows.length === paging.rows
    const last = rows.at(-1)
    lastKey ??= last && keyOf(key, last)
    const next = more ? lastKey : undefined
    return { rows: OWN_IDS.has(table) ? rows.map(({ id: _id, ...rest }) => rest) : rows, next }
  }

  /** Every moved row of `did`, all in memory: for checks of a copy; a move copies page by page (copyFrom). */
  async rows(did: string): Promise<AccountRows> {
    const tables = {} as Record<MovedTable, Row[]>
    for (const table of MOVED) {
      tables[table] = []
      let page: Page | undefined
      do {
        page = await this.page(did, table, page?.next)
        tables[table].push(...page.rows)
      } while (page.next)
    }
    return { did, tables }
  }

  /** Whether the tenant holds an account row for `did`. */
  async has(did: string): Promise<boolean> {
    return !!(await this.db.selectFrom('account').select('did').where('did', '=', did).executeTakeFirst())
  }
}

export class AccountCopyTransactor extends AccountCopyReader {
  /** Writes one page of `table` (as `page` read it); `account` changes a copied account row. */
  async insertPage(table: MovedTable, rows: Row[], account: Partial<Selectable<AccountTable>>): Promise<void> {
    if (rows.length === 0) return
    const db = this.db as unknown as AnyDb
    let values = rows
    if (table === 'account') values = values.map((r) => ({ ...r, ...account }))
    if (table === 'search_doc') values = values.map((r) => ({ ...r, tsv: sql`${String(r.tsv)}::tsvector` }))
    // A JSON array would be sent as a Postgres array: it goes as JSON text.
    const arrays = JSON_ARRAY_COLUMNS[table] ?? []
    if (arrays.length > 0) {
      values = values.map((r) => ({
        ...r,
        ...Object.fromEntries(arrays.map((c) => [c, sql`${JSON.stringify(r[c])}::jsonb`])),
      }))
    }
    await db.insertInto(table).values(values).execute()
  }
}

/** The key columns of `row`, in order. */
function keyOf(key: readonly string[], row: Row): unknown[] {
  return key.map((column) => row[column])
}

/** (key columns) > (values): the rows after a page, in the order pages are read. */
function keyAfter(key: readonly string[], values: unknown[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) > (${sql.join(values)})`
}

/** (key columns) <= (values): the rows of a page up to its last. */
function keyAtMost(key: readonly string[], values: unknown[]): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) <= (${sql.join(values)})`
}

/**
 * Copies every moved row of `did` from the tenant `fromDb` (the account
 * taking no writes there) into `toDb`, table by table and page by page:
 * COPY_PAGING bounds what is held, and only one connection is held at a time
 * (a transaction of `toDb` that waited for a connection of `fromDb` could wait
 * forever under the process's connection cap). Each page lands in a
 * transaction of its own: a copy cut short is partial, and whoever copies
 * deletes what an earlier attempt left first (AccountMoves does, and its
 * journal undoes a copy the move did not finish); until the account's home
 * switches, no one reads it in `toDb`.
 */
export async function copyAccount(
  storage: Storage,
  fromDb: string,
  toDb: string,
  did: string,
  account: Partial<Selectable<AccountTable>>,
  paging = COPY_PAGING,
): Promise<void> {
  for (const table of MOVED) {
    let next: unknown[] | undefined
    do {
      const page = await storage.read(fromDb, (t) => t.accountCopy.page(did, table, next, paging))
      await storage.transact(toDb, (tx) => tx.accountCopy.insertPage(table, page.rows, account))
      next = page.next
    } while (next)
  }
}
