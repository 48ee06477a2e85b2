// One PDS as real child processes on a Postgres database of its own, started
// and restarted (after SIGTERM or SIGKILL) in the same working directory, so
// every start has the same databases and generated secrets; and accounts
// created and logged in over HTTP, as a client would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { RawConfig } from '../../src/config/config.js'
import { dropDatabases, uniqueDbName, urlFor } from './postgres.js'
import { type ServerProcess, serveIn } from './process.js'
import { ADMIN_KEY, OFFLINE } from './server.js'
import { xrpc } from './xrpc.js'

export type ChildPds = {
  adminKey: string
  /** The management database's name. */
  dbName: string
  /** Starts a server process (again) on the same databases; a new port each time. */
  start(): Promise<ServerProcess>
  /** The database of a tenant, by domain name. */
  tenantDb(domain: string): Promise<string>
  /** SIGKILLs every process still running, drops the databases and the working directory. */
  dispose(): Promise<void>
}

export type ChildAccount = { did: string; handle: string; accessJwt: string; signingKey: string }

export async function childPds(config: RawConfig = {}): Promise<ChildPds> {
  const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-child-'))
  const dbName = uniqueDbName()
  // These runs load one server from one IP on purpose: the per-IP and per-account budgets are not what they test.
  const rateLimits = { requestsPerIp: { points: 0 }, accountWrites: { points: 0 } }
  writeFileSync(join(cwd, 'db.json'), JSON.stringify({ logLevel: 'info', rateLimits, ...OFFLINE, ...config }))
  const started: ServerProcess[] = []
  return {
    adminKey: ADMIN_KEY,
    dbName,
    start: async () => {
      const proc = await serveIn(cwd, { PRIMAL_PDS_DATABASE_URL: urlFor(dbName), PRIMAL_PDS_ADMIN_KEY: ADMIN_KEY })
      started.push(proc)
      return proc
    },
    tenantDb: async (domain) => {
      const db = new pg.Client({ connectionString: urlFor(dbName) })
      await db.connect()
      try {
        const { rows } = await db.query<{ db_name: string }>('select db_name from domain where name = $1', [domain])
        if (!rows[0]) throw new Error(`no domain ${domain}`)
        return rows[0].db_name
      } finally {
        await db.end()
      }
    },
    dispose: async () => {
      await Promise.all(started.map((p) => p.kill('SIGKILL')))
      await dropDatabases(dbName)
      rmSync(cwd, { recursive: true, force: true })
    },
  }
}

/** Adds each domain and the named accounts in it (created at once); each is logged in and its signing key known. */
export async function createAccounts(
  url: string,
  adminKey: string,
  domains: Record<string, string[]>,
): Promise<ChildAccount[]> {
  const accounts: ChildAccount[] = []
  for (const [domain, names] of Object.entries(domains)) {
    await ok(xrpc(url, 'host.primal.pds.addDomain', { auth: adminKey, body: { domain } }))
    accounts.push(...(await Promise.all(names.map((name) => createAccount(url, adminKey, `${name}.${domain}`)))))
  }
  return accounts
}

async function createAccount(url: string, adminKey: string, handle: string): Promise<ChildAccount> {
  const password = `${handle} correct horse battery`
  const { did } = await ok(xrpc(url, 'host.primal.pds.createAccount', { auth: adminKey, body: { handle, password } }))
  const session = await ok(xrpc(url, 'com.atproto.server.createSession', { body: { identifier: handle, password } }))
  const accessJwt = session.accessJwt as string
  const creds = await ok(xrpc(url, 'com.atproto.identity.getRecommendedDidCredentials', { auth: accessJwt }))
  const signingKey = (creds.verificationMethods as { atproto: string }).atproto
  return { did: did as string, handle, accessJwt, signingKey }
}

async function ok(pending: ReturnType<typeof xrpc>): Promise<Record<string, unknown>> {
  const res = await pending
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`)
  return res.body
}
