// Production storage: the management database named in database.url, and one
// Postgres database per tenant on the same server, reached through TenantPools.
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config/config.js'
import { managementDbName, managementPoolSize, tenantConnectionBudget } from '../config/config.js'
import type { Logger } from '../lib/logger.js'
import { PostgresCoordination } from './coordination.js'
import type { ManagementSchema } from './schema.js'
import {
  assertDbName,
  type ManagementDb,
  managementMigrations,
  migrateToLatest,
  type PoolStats,
  type Storage,
  StorageBundles,
  type TenantDb,
  tenantMigrations,
} from './storage.js'
import { hearLostConnections, TenantPools } from './tenant-pools.js'

const PG_DUPLICATE_DATABASE = '42P04'
const PG_INVALID_CATALOG_NAME = '3D000'

export class PostgresStorage extends StorageBundles implements Storage {
  readonly kind = 'postgres'
  readonly management: ManagementDb
  readonly tenantPrefix: string
  readonly pools: TenantPools
  readonly coordination: PostgresCoordination

  private constructor(
    config: DatabaseConfig,
    private readonly managementPool: pg.Pool,
    logger: Logger,
    onTenantPoolWait?: (seconds: number) => void,
  ) {
    super()
    this.tenantPrefix = `${managementDbName(config)}_`
    this.management = new Kysely<ManagementSchema>({ dialect: new PostgresDialect({ pool: managementPool }) })
    this.coordination = new PostgresCoordination(config.url, managementPool, logger)
    this.pools = new TenantPools({
      url: config.url,
      // The listener and the sequencer's lock each hold a connection of their own, outside both pools.
      budget: tenantConnectionBudget(config.maxConnections),
      poolSize: config.tenantPoolSize,
      idleTimeoutMs: config.idleTimeoutMs,
      logger,
      onWait: onTenantPoolWait,
    })
  }

  /**
   * Connects to the management database, creating it first if the server
   * does not have it. `onTenantPoolWait` hears of every lease that waited for the connection budget.
   */
  static async open(
    config: DatabaseConfig,
    logger: Logger,
    onTenantPoolWait?: (seconds: number) => void,
  ): Promise<PostgresStorage> {
    const name = managementDbName(config)
    assertDbName(name)
    await ensureDatabase(config.url, name)
    const pool = new pg.Pool({
      connectionString: config.url,
      max: managementPoolSize(config.maxConnections),
      idleTimeoutMillis: config.idleTimeoutMs,
    })
    pool.on('error', (err) => logger.warn({ err }, 'idle management connection failed'))
    pool.on('connect', hearLostConnections)
    return new PostgresStorage(config, pool, logger, onTenantPoolWait)
  }

  async createTenantDb(dbName: string): Promise<void> {
    assertDbName(dbName)
    try {
      await sql`create database ${sql.id(dbName)}`.execute(this.management)
    } catch (err) {
      if ((err as { code?: string }).code !== PG_DUPLICATE_DATABASE) throw err
    }
  }

  async dropTenantDb(dbName: string): Promise<void> {
    assertDbName(dbName)
    await this.pools.evict(dbName)
    await sql`drop database if exists ${sql.id(dbName)} with (force)`.execute(this.management)
  }

  async tenantDbExists(dbName: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_database where datname = ${dbName}`.execute(this.management)
    return rows[0].n > 0
  }

  withTenant<T>(dbName: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
    assertDbName(dbName)
    return this.pools.with(dbName, fn)
  }

  migrateManagement(): Promise<string[]> {
    return migrateToLatest(this.management, managementMigrations)
  }

  migrateTenant(dbName: string): Promise<string[]> {
    return this.withTenant(dbName, (db) => migrateToLatest(db, tenantMigrations))
  }

  poolStats(): PoolStats {
    return {
      tenantPoolsOpen: this.pools.openPools,
      managementWaiting: this.managementPool.waitingCount,
      tenantWaiting: this.pools.waitingCount,
    }
  }

  async close(): Promise<void> {
    await this.coordination.close()
    await this.pools.destroy()
    await this.management.destroy()
  }
}

/** Creates database `name` on the server of `url` if it does not exist yet. */
async function ensureDatabase(url: string, name: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url })
  try {
    await probe.connect()
    return
  } catch (err) {
    if ((err as { code?: string }).code !== PG_INVALID_CATALOG_NAME) throw err
  } finally {
    await probe.end().catch(() => {})
  }
  const maintenance = new URL(url)
  maintenance.pathname = '/postgres'
  const admin = new pg.Client({ connectionString: maintenance.toString() })
  await admin.connect()
  try {
    await admin.query(`create database "${name}"`)
  } catch (err) {
    if ((err as { code?: string }).code !== PG_DUPLICATE_DATABASE) throw err
  } finally {
    await admin.end()
  }
}
