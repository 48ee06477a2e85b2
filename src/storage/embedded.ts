// The embedded default: ONE PGlite instance under dataDir, the management
// tables in schema `primal_pds` and each tenant in a schema named like its
// database would be on Postgres. One instance per tenant would cost ~250 MB
// and seconds to open each (DESIGN §3); schemas cost almost nothing.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, sql } from 'kysely'
import { ensurePrivateDir, makeTreePrivate, PRIVATE_FILE_MODE } from '../config/data-dir.js'
import { LocalCoordination } from './coordination.js'
import { PGliteDialect } from './pglite-dialect.js'
import { PrivateNodeFS } from './private-nodefs.js'
import type { ManagementSchema, TenantSchema } from './schema.js'
import {
  assertDbName,
  type ManagementDb,
  managementMigrations,
  migrateToLatest,
  type Storage,
  StorageBundles,
  type TenantDb,
  tenantMigrations,
} from './storage.js'

const MANAGEMENT_SCHEMA = 'primal_pds'

export class EmbeddedStorage extends StorageBundles implements Storage {
  readonly kind = 'embedded'
  readonly tenantPrefix = `${MANAGEMENT_SCHEMA}_`
  readonly management: ManagementDb
  readonly coordination = new LocalCoordination()

  private constructor(
    private readonly pglite: PGlite,
    private readonly base: Kysely<unknown>,
    private readonly lock: { release(): void },
  ) {
    super()
    this.management = (base as Kysely<ManagementSchema>).withSchema(MANAGEMENT_SCHEMA)
  }

  /** Opens (creating if needed) the embedded database in `<dataDir>/pglite`. */
  static async open(dataDir: string): Promise<EmbeddedStorage> {
    const dir = join(dataDir, 'pglite')
    ensurePrivateDir(dataDir)
    ensurePrivateDir(dir)
    const lock = acquireLock(join(dataDir, 'pglite.lock'))
    // Files an older version left readable to others; new ones are private as they are made.
    makeTreePrivate(dataDir)
    const pglite = await PGlite.create({ fs: new PrivateNodeFS(dir) }).catch((err) => {
      lock.release()
      throw err
    })
    const base = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) })
    await sql`create schema if not exists ${sql.id(MANAGEMENT_SCHEMA)}`.execute(base)
    return new EmbeddedStorage(pglite, base, lock)
  }

  async createTenantDb(dbName: string): Promise<void> {
    assertDbName(dbName)
    await sql`create schema if not exists ${sql.id(dbName)}`.execute(this.base)
  }

  async dropTenantDb(dbName: string): Promise<void> {
    assertDbName(dbName)
    await sql`drop schema if exists ${sql.id(dbName)} cascade`.execute(this.base)
  }

  async tenantDbExists(dbName: string): Promise<boolean> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from information_schema.schemata where schema_name = ${dbName}`.execute(this.base)
    return rows[0].n > 0
  }

  withTenant<T>(dbName: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
    assertDbName(dbName)
    return fn((this.base as Kysely<TenantSchema>).withSchema(dbName))
  }

  migrateManagement(): Promise<string[]> {
    return migrateToLatest(this.management, managementMigrations, MANAGEMENT_SCHEMA)
  }

  migrateTenant(dbName: string): Promise<string[]> {
    assertDbName(dbName)
    return migrateToLatest(this.base.withSchema(dbName), tenantMigrations, dbName)
  }

  /** One in-process database: no connection pools to report. */
  poolStats(): undefined {
    return undefined
  }

  async close(): Promise<void> {
    await this.coordination.close()
    await this.base.destroy()
    await this.pglite.close()
    this.lock.release()
  }
}

/**
 * PGlite serves one process: a second one on the same files would corrupt
 * them. The lock file holds the owner's pid; a stale one (dead pid) is taken over.
 */
function acquireLock(path: string): { release(): void } {
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx', mode: PRIVATE_FILE_MODE })
      return { release: () => rmSync(path, { force: true }) }
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err
    }
    const pid = Number(readFileSync(path, 'utf8'))
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `the embedded database is in use by process ${pid}; stop it, or use the admin API of the running server`,
      )
    }
    rmSync(path, { force: true })
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'
  }
}
