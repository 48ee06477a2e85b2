// The storage contract the rest of the server is written against. Postgres
// (one database per tenant) and the embedded PGlite (one schema per tenant)
// both implement it, so no code above this layer knows which one it runs on.
import type { Kysely } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import { managementMigrations } from '../../migrations/management/index.js'
import { tenantMigrations } from '../../migrations/tenant/index.js'
import type { Coordination } from './coordination.js'
import type { ManagementSchema, TenantSchema } from './schema.js'

export type TenantDb = Kysely<TenantSchema>
export type ManagementDb = Kysely<ManagementSchema>

export interface Storage {
  readonly kind: 'postgres' | 'embedded'
  /** The management database: domains, DID routing and the firehose. */
  readonly management: ManagementDb
  /** Signals and leader election across the processes sharing these databases. */
  readonly coordination: Coordination
  /** Prefix of every tenant store name: `<management db name>_`. */
  readonly tenantPrefix: string
  /** Creates the tenant's database (or schema). Succeeds if it already exists. */
  createTenantStore(storeName: string): Promise<void>
  /** Closes the tenant's connections and drops its database (or schema). Succeeds if it is gone. */
  dropTenantStore(storeName: string): Promise<void>
  tenantStoreExists(storeName: string): Promise<boolean>
  /**
   * Runs fn with a handle on the tenant's database. The handle is valid only
   * inside fn: its connections may be closed once fn settles.
   */
  withTenant<T>(storeName: string, fn: (db: TenantDb) => Promise<T>): Promise<T>
  migrateManagement(): Promise<string[]>
  migrateTenant(storeName: string): Promise<string[]>
  /** Connection pool state for /metrics; undefined where there are no pools (embedded). */
  poolStats(): PoolStats | undefined
  close(): Promise<void>
}

export type PoolStats = {
  tenantPoolsOpen: number
  /** Queries waiting for a management connection. */
  managementWaiting: number
  /** Queries waiting for a connection of an open tenant pool. */
  tenantWaiting: number
}

/** Whether a name could be one of our store names: built from [a-z0-9_] only. */
export function isStoreName(name: string): boolean {
  return /^[a-z][a-z0-9_]{0,62}$/.test(name)
}

/** The last line of defence before a store name reaches SQL. */
export function assertStoreName(name: string): void {
  if (!isStoreName(name)) throw new Error(`invalid store name: ${name}`)
}

/** Runs a migration set to the latest version; throws with the failing migration's error. */
export async function migrateToLatest(
  // biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
  db: Kysely<any>,
  migrations: Record<string, Migration>,
  migrationTableSchema?: string,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema,
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

export { managementMigrations, tenantMigrations }
