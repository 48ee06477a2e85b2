// SQL on a tenant's invite tables: `invite_code`, `invite_code_use` and
// `invite_disabled_account`. Readers read; transactors also write, and take
// the row locks that keep a code from being used more often than it may.
import { sql } from 'kysely'
import type { InviteCodeTable, InviteCodeUseTable } from '../schema.js'
import type { TenantDb } from '../storage.js'

/** A code with how many accounts it has created so far. */
export type InviteCodeRow = InviteCodeTable & { uses: number }
export type InviteCodeUseRow = InviteCodeUseTable

/** The orders of com.atproto.admin.getInviteCodes, each newest or most used first, the code breaking ties. */
export type InviteSort = 'recent' | 'usage'
/** Where a page starts: after the code with this sort key and code. */
export type InvitePageAfter = { key: string | number; code: string }

export class InviteReader {
  constructor(readonly db: TenantDb) {}

  /** Every code with its use count, as a subquery the listings filter and order. */
  private withUses() {
    return this.db
      .selectFrom('invite_code')
      .selectAll('invite_code')
      .select((eb) =>
        eb
          .selectFrom('invite_code_use')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('invite_code_use.code', '=', 'invite_code.code')
          .as('uses'),
      )
  }

  async get(code: string): Promise<InviteCodeRow | undefined> {
    const row = await this.withUses().where('invite_code.code', '=', code).executeTakeFirst()
    return row && toRow(row)
  }

  /** The codes made for `did`, oldest first. */
  async forAccount(did: string): Promise<InviteCodeRow[]> {
    const rows = await this.withUses()
      .where('invite_code.for_account', '=', did)
      .orderBy('invite_code.created_at')
      .orderBy('invite_code.code')
      .execute()
    return rows.map(toRow)
  }

  /**
   * A page of every code in `sort` order (descending), after `after` if given.
   * Codes compare byte by byte (collation "C"), as JavaScript compares them:
   * pages of several tenants are merged in that order.
   */
  async page(sort: InviteSort, limit: number, after?: InvitePageAfter): Promise<InviteCodeRow[]> {
    const key = sort === 'recent' ? sql`created_at collate "C"` : sql.ref('uses')
    const code = sql`code collate "C"`
    let q = this.db.selectFrom(this.withUses().as('codes')).selectAll()
    if (after) q = q.where(sql<boolean>`(${key}, ${code}) < (${after.key}, ${after.code})`)
    const rows = await q.orderBy(key, 'desc').orderBy(code, 'desc').limit(limit).execute()
    return rows.map(toRow)
  }

  /** The uses of `codes`, most recent first. */
  uses(codes: string[]): Promise<InviteCodeUseRow[]> {
    if (codes.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('invite_code_use')
      .selectAll()
      .where('code', 'in', codes)
      .orderBy('used_at', 'desc')
      .orderBy('used_by')
      .execute()
  }

  /** The code `did` signed up with, if any. */
  async codeUsedBy(did: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('invite_code_use').select('code').where('used_by', '=', did).executeTakeFirst()
    return row?.code
  }

  async accountInvitesDisabled(did: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('invite_disabled_account')
      .select('did')
      .where('did', '=', did)
      .executeTakeFirst()
    return row !== undefined
  }
}

export class InviteTransactor extends InviteReader {
  async insert(rows: InviteCodeTable[]): Promise<void> {
    // Postgres takes at most 65,535 parameters in one statement: six a row.
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db
        .insertInto('invite_code')
        .values(rows.slice(i, i + 1000))
        .execute()
    }
  }

  /**
   * The code, locked until the transaction ends: every account creation that
   * would use it waits here for the one before it, so the uses it counts are
   * all that there are. Only inside a transaction.
   */
  async lockForUse(code: string): Promise<InviteCodeRow | undefined> {
    const locked = await this.db
      .selectFrom('invite_code')
      .select('code')
      .where('code', '=', code)
      .forUpdate()
      .executeTakeFirst()
    return locked && this.get(code)
  }

  async insertUse(code: string, usedBy: string, usedAt: string): Promise<void> {
    await this.db.insertInto('invite_code_use').values({ code, used_by: usedBy, used_at: usedAt }).execute()
  }

  /**
   * Locks the account's row until the transaction ends, so two requests that
   * hand it the codes it earned count them one after the other. False when
   * there is no such account.
   */
  async lockAccount(did: string): Promise<boolean> {
    const row = await this.db.selectFrom('account').select('did').where('did', '=', did).forUpdate().executeTakeFirst()
    return row !== undefined
  }

  async disableCodes(codes: string[]): Promise<void> {
    if (codes.length === 0) return
    await this.db.updateTable('invite_code').set({ disabled: true }).where('code', 'in', codes).execute()
  }

  async disableCodesFor(dids: string[]): Promise<void> {
    if (dids.length === 0) return
    await this.db.updateTable('invite_code').set({ disabled: true }).where('for_account', 'in', dids).execute()
  }

  async setAccountInvitesDisabled(did: string, disabled: boolean): Promise<void> {
    if (!disabled) {
      await this.db.deleteFrom('invite_disabled_account').where('did', '=', did).execute()
      return
    }
    await this.db
      .insertInto('invite_disabled_account')
      .values({ did, created_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('did').doNothing())
      .execute()
  }
}

function toRow<R extends InviteCodeTable & { uses: string | number | bigint | null }>(row: R): InviteCodeRow {
  return { ...row, uses: Number(row.uses ?? 0) }
}
