// SQL on a tenant's `account_pref` table: an account's preferences, one row
// each in the order they were put. Which ones a call may see or replace is
// the preference service's business; this module keeps the rows.
import type { TenantDb } from '../storage.js'

export type StoredPreference = { name: string; valueJson: string }

export class PreferenceReader {
  constructor(readonly db: TenantDb) {}

  /** The account's preferences, in put order. */
  async list(did: string): Promise<StoredPreference[]> {
    const rows = await this.db
      .selectFrom('account_pref')
      .select(['name', 'value_json'])
      .where('did', '=', did)
      .orderBy('id')
      .execute()
    return rows.map((r) => ({ name: r.name, valueJson: r.value_json }))
  }
}

export class PreferenceTransactor extends PreferenceReader {
  /**
   * Replaces the account's preferences whose name `replaced` accepts with
   * `values`, in their order; the others stay. Runs inside a transaction;
   * false when the account is not in this tenant.
   */
  async replace(did: string, replaced: (name: string) => boolean, values: StoredPreference[]): Promise<boolean> {
    if (!this.db.isTransaction) throw new Error('preference replace outside a transaction')
    // The account row's lock orders two replacements of one account's preferences: without it, each would
    // delete only the rows there before both began, and the account would keep both sets.
    const account = await this.db
      .selectFrom('account')
      .select('did')
      .where('did', '=', did)
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!account) return false
    const current = await this.db.selectFrom('account_pref').select(['id', 'name']).where('did', '=', did).execute()
    const gone = current.filter((r) => replaced(r.name)).map((r) => r.id)
    if (gone.length > 0) {
      await this.db.deleteFrom('account_pref').where('did', '=', did).where('id', 'in', gone).execute()
    }
    if (values.length > 0) {
      await this.db
        .insertInto('account_pref')
        .values(values.map((v) => ({ did, name: v.name, value_json: v.valueJson })))
        .execute()
    }
    return true
  }
}
