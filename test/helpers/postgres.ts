// Real Postgres for tests: every test file works in databases of its own,
// uniquely named, and drops them when done.
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'

let reachable: boolean | undefined

/** Whether Postgres answers at DATABASE_URL (checked once, and said once). */
export async function postgresReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    reachable = true
  } catch {
    reachable = false
  } finally {
    await client.end().catch(() => {})
  }
  process.stderr.write(
    reachable
      ? `# tests run on real Postgres at ${redact(DATABASE_URL)}\n`
      : `# Postgres not reachable at ${redact(DATABASE_URL)}: tests run on the embedded PGlite database\n`,
  )
  return reachable
}

/** A management database name no other run uses: ppt_<pid>_<random>. */
export function uniqueDbName(): string {
  return `ppt_${process.pid}_${randomBytes(4).toString('hex')}`
}

/** A URL on the test server (or on `base`, another way to it) pointing at database `name`. */
export function urlFor(name: string, base = DATABASE_URL): string {
  const url = new URL(base)
  url.pathname = `/${name}`
  return url.toString()
}

/** Runs one query on the maintenance database. */
export async function adminQuery<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

/** Drops the management database `name` and every tenant database beside it. */
export async function dropDatabases(name: string): Promise<void> {
  const rows = await adminQuery<{ datname: string }>(
    `select datname from pg_database where datname = $1 or datname like $2`,
    [name, `${name}\\_%`],
  )
  for (const { datname } of rows) {
    await adminQuery(`drop database if exists "${datname}" with (force)`)
  }
}

export async function databasesLike(name: string): Promise<string[]> {
  const rows = await adminQuery<{ datname: string }>(
    `select datname from pg_database where datname = $1 or datname like $2 order by datname`,
    [name, `${name}\\_%`],
  )
  return rows.map((r) => r.datname)
}

function redact(url: string): string {
  const u = new URL(url)
  if (u.password) u.password = '***'
  return u.toString()
}
