// Every row of one account in a tenant, as a move between two of our tenant
// domains carries it (AccountMoves): read out of one tenant, written into
// another in one transaction, and deleted from either. What is per account
// and what becomes of it when the account moves:
//   moved: account, app_password, refresh_token (sessions stay logged in),
//     account_pref, repo_root, repo_block, record, blob, record_blob,
//     plc_operation (the op log, so the next op chains on it), agent_key,
//     search_doc, skill_review, listing_version (the wing's index of its records);
//   dropped: email_token (codes mailed in the old domain's name; asked again),
//     invite_disabled_account (the old domain's invite state);
//   left behind: outbox (its events are sequenced from the old tenant before
//     the move goes on), mail_queue (mail already queued is still sent),
//     invite_code and invite_code_use (the old domain's codes and their history).
import { type Kysely, sql } from 'kysely'
import type { TenantSchema } from '../schema.js'
import type { TenantDb } from '../storage.js'

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
] as const satisfies readonly (keyof TenantSchema)[]

type MovedTable = (typeof MOVED)[number]

/** Tables whose id is the database's own (a sequence): the copy gets new ids, in the same order. */
const OWN_IDS: ReadonlySet<MovedTable> = new Set(['account_pref', 'plc_operation'])

/** Deleted from a tenant the account leaves (or from a partial copy): the root first (the repo's write lock), the account last. */
const DELETED = [
  'repo_root',
  'repo_block',
  'record',
  'record_blob',
  'blob',
  'refresh_token',
  'app_password',
  'account_pref',
  'email_token',
  'plc_operation',
  'agent_key',
  'search_doc',
  'skill_review',
  'listing_version',
  'invite_disabled_account',
  'account',
] as const satisfies readonly (keyof TenantSchema)[]

/** Rows per INSERT: far below Postgres's limit of bind parameters, and blobs make rows large. */
const ROWS_PER_INSERT = 100

type Row = Record<string, unknown>
export type AccountRows = { did: string; tables: Record<MovedTable, Row[]> }

// biome-ignore lint/suspicious/noExplicitAny: the same statements run on each table by name; their rows are copied whole
type AnyDb = Kysely<any>

export class AccountCopyReader {
  constructor(readonly db: TenantDb) {}

  /** Every moved row of `did` (read in the caller's transaction, so all of one moment). */
  async rows(did: string): Promise<AccountRows> {
    const db = this.db as unknown as AnyDb
    const tables = {} as Record<MovedTable, Row[]>
    for (const table of MOVED) {
      let q = db.selectFrom(table).selectAll().where('did', '=', did)
      if (OWN_IDS.has(table)) q = q.orderBy('id')
      // The tsvector is carried as its text form and cast back.
      if (table === 'search_doc') q = q.select(sql<string>`tsv::text`.as('tsv'))
      const rows: Row[] = await q.execute()
      tables[table] = OWN_IDS.has(table) ? rows.map(({ id: _id, ...rest }) => rest) : rows
    }
    return { did, tables }
  }

  /** Whether the tenant holds an account row for `did`. */
  async has(did: string): Promise<boolean> {
    return !!(await this.db.selectFrom('account').select('did').where('did', '=', did).executeTakeFirst())
  }
}

export class AccountCopyTransactor extends AccountCopyReader {
  /** Writes `rows` (as `rows()` read them); run inside a transaction. */
  async insert(copy: AccountRows): Promise<void> {
    if (!this.db.isTransaction) throw new Error('account copy outside a transaction')
    const db = this.db as unknown as AnyDb
    for (const table of MOVED) {
      const rows = copy.tables[table]
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT)
        const values =
          table === 'search_doc' ? chunk.map((r) => ({ ...r, tsv: sql`${String(r.tsv)}::tsvector` })) : chunk
        await db.insertInto(table).values(values).execute()
      }
    }
  }

  /** Deletes every row of `did` this module knows of (see the header); run inside a transaction. */
  async delete(did: string): Promise<void> {
    if (!this.db.isTransaction) throw new Error('account copy delete outside a transaction')
    const db = this.db as unknown as AnyDb
    for (const table of DELETED) await db.deleteFrom(table).where('did', '=', did).execute()
  }
}
