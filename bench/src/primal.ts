// Starts primal-pds as the bench measures it: the compiled server
// (dist/src/cli.js) in a child process of its own, on real Postgres, in
// uniquely named databases that are dropped again on close.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { onCleanup } from './cleanup.js'
import { type CpuSet, cpuSetDelta, readCpuSet } from './proc.js'
import { type Account, DOMAINS, serverCpu, serverRss, type Target } from './targets.js'
import { xrpc } from './xrpc.js'

export const ROOT = join(import.meta.dirname, '..', '..')
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const PASSWORD = 'bench-password-1'
const RULES = [
  'requestsPerIp',
  'agentRequestsPerIp',
  'registrationsPerIp',
  'newAgentWrites',
  'trustedAgentWrites',
  'accountWrites',
  'loginsPerAccount',
  'loginsPerAccountDaily',
]

export const benchDomain = (i: number) => `d${i}.bench.test`
const tenantDomain = (i: number) => `t${String(i).padStart(3, '0')}.bench.test`

/** Compiles the server: the bench measures the JavaScript that production runs, not tsx. */
export function buildPrimal(): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const out = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' })
  if (out.status !== 0) {
    throw new Error(`npm run build failed (${out.signal ?? `exit ${out.status}`}):\n${out.stdout}${out.stderr}`)
  }
}

export async function startPrimal(): Promise<Target> {
  const mgmt = `bench_${process.pid}_${randomBytes(4).toString('hex')}`
  const dir = mkdtempSync(join(tmpdir(), 'primal-pds-bench-'))
  const admin = new pg.Client({ connectionString: DATABASE_URL })
  let child: ChildProcess | undefined
  let stopping = false
  // Last resort if the bench exits without closing: the server must not outlive it.
  const killOnExit = () => child?.kill('SIGKILL')
  const close = onCleanup(async () => {
    stopping = true
    process.off('exit', killOnExit)
    if (child) await stop(child)
    child = undefined
    await dropDatabases(mgmt).finally(() => admin.end().catch(() => {}))
    rmSync(dir, { recursive: true, force: true })
  })
  try {
    await admin.connect()
    const port = await freePort()
    const url = `http://127.0.0.1:${port}`
    const adminKey = randomBytes(24).toString('hex')
    writeFileSync(join(dir, 'db.json'), JSON.stringify(benchConfig(port, adminKey, dir, mgmt), null, 2))
    child = spawnServer(dir, () => stopping)
    process.on('exit', killOnExit)
    await waitHealthy(url, child)
    const pid = child.pid as number
    for (let i = 0; i < DOMAINS; i++) await addDomain(url, adminKey, benchDomain(i))
    // Backends of our databases, and the shared background processes doing their writing.
    const dbPids = async () => {
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity
         where datname = $1 or starts_with(datname, $1 || '_')
            or (datname is null and backend_type in ('background writer', 'checkpointer', 'walwriter'))`,
        [mgmt],
      )
      return rows.map((r) => r.pid)
    }
    return {
      name: 'primal-pds',
      url,
      pid,
      createAccount: (name, domainIndex) => createAccount(url, adminKey, `${name}.${benchDomain(domainIndex)}`),
      addTenants: async (total) => {
        const added = await addTenantDomains(url, adminKey, DOMAINS, total)
        return `${added} domains added to the ${DOMAINS} bench domains (${total} tenant databases)`
      },
      sampleCpu: async () => ({ server: serverCpu(pid), db: readCpuSet(await dbPids()) }),
      dbCpuDelta: (before, after) => cpuSetDelta(before.db as CpuSet, after.db as CpuSet),
      rss: () => serverRss(pid),
      close,
    }
  } catch (err) {
    await close()
    throw err
  }
}

function benchConfig(port: number, adminKey: string, dir: string, mgmt: string) {
  const url = new URL(DATABASE_URL)
  url.pathname = `/${mgmt}`
  return {
    port,
    host: '127.0.0.1',
    serviceURL: `http://127.0.0.1:${port}`,
    adminKey,
    dataDir: dir,
    // Backends live as long as the run, so their CPU is still in /proc when it is read.
    database: { url: url.toString(), maxConnections: 40, idleTimeoutMs: 600_000 },
    // "warn": at "info" every request writes a log line, which the official PDS's dev setup does not.
    logLevel: 'warn',
    // The official PDS runs without rate limits in its dev setup; so does primal-pds here.
    rateLimits: Object.fromEntries(RULES.map((rule) => [rule, { points: 0, windowSeconds: 60 }])),
  }
}

/** The server process; its last output is printed if it exits without `expected()`. */
function spawnServer(dir: string, expected: () => boolean): ChildProcess {
  // Our own db.json only: no PRIMAL_PDS_* from the caller's shell may override it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('PRIMAL_PDS_')))
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the server under the bench's load.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(ROOT, 'dist', 'src', 'cli.js'), 'serve', '--config', join(dir, 'db.json')],
    { cwd: dir, env: { ...env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.once('exit', (code, signal) => {
    if (!expected()) process.stderr.write(`primal-pds exited (${code ?? signal}):\n${output}\n`)
  })
  return child
}

/** A port free right now: the server logs its port only at "info", which the bench turns off. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

async function waitHealthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('primal-pds exited during start')
    try {
      if ((await fetch(`${url}/xrpc/_health`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('primal-pds did not answer /xrpc/_health within 120 s')
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

async function addDomain(url: string, adminKey: string, domain: string): Promise<void> {
  await xrpc(url, 'host.primal.pds.addDomain', { token: adminKey, body: { domain } })
}

/** Adds tenant domains from number `from` until there are `total`, a few at a time. */
async function addTenantDomains(url: string, adminKey: string, from: number, total: number): Promise<number> {
  let next = from
  const worker = async () => {
    while (next < total) await addDomain(url, adminKey, tenantDomain(next++))
  }
  await Promise.all(Array.from({ length: 4 }, worker))
  return Math.max(0, total - from)
}

async function createAccount(url: string, adminKey: string, handle: string): Promise<Account> {
  await xrpc(url, 'host.primal.pds.createAccount', { token: adminKey, body: { handle, password: PASSWORD } })
  return xrpc<Account>(url, 'com.atproto.server.createSession', { body: { identifier: handle, password: PASSWORD } })
}

/** Drops the management database and every tenant database named after it. */
async function dropDatabases(mgmt: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL })
  await client.connect()
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [mgmt],
    )
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`)
  } finally {
    await client.end()
  }
}
