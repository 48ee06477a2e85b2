// The storage contract the rest of the server is written against. Postgres
// (one database per tenant) and the embedded PGlite (one schema per tenant)
// both implement it, so no code above this layer knows which one it runs on.
import { type Kysely, sql } from 'kysely'
import { type Migration, Migrator } from 'kysely/migration'
import { managementMigrations } from '../../migrations/management/index.js'
import { tenantMigrations } from '../../migrations/tenant/index.js'
import type { Coordination } from './coordination.js'
import { ManagementReader, ManagementTransactor } from './management/management-store.js'
import type { ManagementSchema, TenantSchema } from './schema.js'
import { TenantReader, TenantTransactor } from './tenant/tenant-store.js'

export type TenantDb = Kysely<TenantSchema>
export type ManagementDb = Kysely<ManagementSchema>

export interface Storage {
  readonly kind: 'postgres' | 'embedded'
  /** The management database: domains, DID routing and the firehose. */
  readonly management: ManagementDb
  /** Signals and leader election across the processes sharing these databases. */
  readonly coordination: Coordination
  /** Prefix of every tenant database name: `<management db name>_`. */
  readonly tenantPrefix: string
  /** Creates the tenant's database (or schema). Succeeds if it already exists. */
  createTenantDb(dbName: string): Promise<void>
  /** Closes the tenant's connections and drops its database (or schema). Succeeds if it is gone. */
  dropTenantDb(dbName: string): Promise<void>
  tenantDbExists(dbName: string): Promise<boolean>
  /**
   * Runs fn with a handle on the tenant's database. The handle is valid only
   * inside fn: its connections may be closed once fn settles.
   */
  withTenant<T>(dbName: string, fn: (db: TenantDb) => Promise<T>): Promise<T>
  /** Runs fn with a reader of the tenant's tables, valid only inside fn. */
  read<T>(dbName: string, fn: (t: TenantReader) => Promise<T>): Promise<T>
  /** Runs fn in one transaction on the tenant's database, with a transactor bound to it. */
  transact<T>(dbName: string, fn: (tx: TenantTransactor) => Promise<T>): Promise<T>
  /**
   * Runs fn with a transactor outside any transaction, for writes of one
   * statement each (every statement commits on its own); valid only inside fn.
   */
  write<T>(dbName: string, fn: (w: TenantTransactor) => Promise<T>): Promise<T>
  /** The management tables, read side (challenges, the firehose). */
  readonly managementReader: ManagementReader
  /** The management tables with their writes (and the registry and rate-limit counters), each statement on its own (`.transact` for one transaction). */
  readonly managementTransactor: ManagementTransactor
  /** Resolves once the management database answers a trivial query (the health check). */
  ping(): Promise<void>
  migrateManagement(): Promise<string[]>
  migrateTenant(dbName: string): Promise<string[]>
  /** Connection pool state for /metrics; undefined where there are no pools (embedded). */
  poolStats(): PoolStats | undefined
  close(): Promise<void>
}

/** The reader and transactor bundles every storage hands out, built the same way on `withTenant` and `management`. */
export abstract class StorageBundles {
  abstract readonly management: ManagementDb
  abstract withTenant<T>(dbName: string, fn: (db: TenantDb) => Promise<T>): Promise<T>

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.management)
  }

  read<T>(dbName: string, fn: (t: TenantReader) => Promise<T>): Promise<T> {
    return this.withTenant(dbName, (db) => fn(new TenantReader(db)))
  }

  transact<T>(dbName: string, fn: (tx: TenantTransactor) => Promise<T>): Promise<T> {
    return this.withTenant(dbName, (db) => db.transaction().execute((trx) => fn(new TenantTransactor(trx))))
  }

  write<T>(dbName: string, fn: (w: TenantTransactor) => Promise<T>): Promise<T> {
    return this.withTenant(dbName, (db) => fn(new TenantTransactor(db)))
  }

  get managementReader(): ManagementReader {
    this.managementRead ??= new ManagementReader(this.management)
    return this.managementRead
  }

  get managementTransactor(): ManagementTransactor {
    this.managementWrite ??= new ManagementTransactor(this.management)
    return this.managementWrite
  }

  private managementRead?: ManagementReader
  private managementWrite?: ManagementTransactor
}

export type PoolStats = {
  tenantPoolsOpen: number
  /** Queries waiting for a management connection. */
  managementWaiting: number
  /** Queries waiting for a connection of an open tenant pool. */
  tenantWaiting: number
}

/** Whether a name could be one of our database names: built from [a-z0-9_] only. */
export function isDbName(name: string): boolean {
  return /^[a-z][a-z0-9_]{0,62}$/.test(name)
}

/** The last line of defence before a database name reaches SQL. */
export function assertDbName(name: string): void {
  if (!isDbName(name)) throw new Error(`invalid database name: ${name}`)
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
