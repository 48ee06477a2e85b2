// A tenant table's name as a handle spells it in SQL: schema-qualified on
// the embedded database, where each tenant is a schema. kysely's withSchema
// reaches only the queries it builds, not raw SQL, so the name is taken from
// one it builds.
import type { TenantSchema } from './schema.js'
import type { TenantDb } from './storage.js'

/** The quoted, possibly schema-qualified table reference, e.g. `"tenant_x"."outbox"` or `"outbox"`. */
export function tableRef(db: TenantDb, table: keyof TenantSchema): string {
  return `${schemaPrefix(db)}"${table}"`
}

/** What comes before a table's quoted name on this handle: `"tenant_x".` on the embedded database, else nothing. */
export function schemaPrefix(db: TenantDb): string {
  const compiled = db.selectFrom('outbox').selectAll().compile().sql
  return compiled.slice(compiled.indexOf(' from ') + ' from '.length, compiled.lastIndexOf('"outbox"'))
}
