// The official Bluesky PDS (@atproto/pds from side-by-side/node_modules) for side-by-side runs,
// the bench's and the tests': a child process configured through PDS_* env as an operator would,
// next to an in-memory PLC directory that lives in this process (or one the caller runs), so the
// child's /proc/<pid> counters are the PDS's alone.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'

export type OfficialPds = {
  url: string // http://127.0.0.1:<port>
  /** The URL its DID documents name (https://<hostname>, or http://localhost:<port> for localhost). */
  publicUrl: string
  pid: number // the PDS child process (all its CPU/RSS is the server's: SQLite runs in-process)
  /** handle domains it serves, e.g. ['.d0.test', '.d1.test', '.d2.test', '.d3.test'] */
  handleDomains: string[]
  /** Its service DID (did:web of its hostname): the audience of tokens meant for it. */
  serviceDid: string
  /** Creates an account through com.atproto.server.createAccount (no invite), returns its session. */
  createAccount(
    name: string,
    domainIndex: number,
  ): Promise<{ did: string; handle: string; accessJwt: string; password: string }>
  close(): Promise<void> // stops the child and the PLC, removes its temp data dir
}

const PACKAGE_DIR = import.meta.dirname
const CHILD = join(import.meta.dirname, 'official-child.mjs')
const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

/** True when side-by-side/node_modules holds exactly what its package-lock.json pins and SQLite loads. */
async function installed(): Promise<boolean> {
  const hidden = join(PACKAGE_DIR, 'node_modules', '.package-lock.json')
  if (!existsSync(hidden)) return false
  type Lock = { packages: Record<string, { version?: string }> }
  const wanted = (JSON.parse(await readFile(join(PACKAGE_DIR, 'package-lock.json'), 'utf8')) as Lock).packages
  const have = (JSON.parse(await readFile(hidden, 'utf8')) as Lock).packages
  if (!Object.entries(wanted).every(([path, pkg]) => path === '' || have[path]?.version === pkg.version)) return false
  // The native addon is missing when its install script was skipped, and fails to load when it
  // was built for another Node; either way only a rebuild helps. A child, so this process stays clean.
  const probe = "new (require('better-sqlite3'))(':memory:').close()"
  return spawnSync(process.execPath, ['-e', probe], { cwd: PACKAGE_DIR, stdio: 'ignore' }).status === 0
}

/** Runs `npm ci` in side-by-side/ when its node_modules is missing or differs from the lockfile. */
export async function ensureOfficialInstalled(): Promise<void> {
  if (await installed()) return
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // npm runs on whatever `node` PATH finds first; it must be this Node 22.
    PATH: [dirname(process.execPath), process.env.PATH].join(delimiter),
  }
  // better-sqlite3 is built by node-gyp, which must take this Node's headers: the npm config may point at another
  // Node. With none here, node-gyp is left to find (or download) them itself.
  const headers = nodeHeadersDir()
  if (headers) env.npm_config_nodedir = headers
  const code = await new Promise<number | null>((resolve, reject) => {
    // npm's output goes to stderr so it never mixes with a bench's results on stdout.
    const npm = spawn('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PACKAGE_DIR, env, stdio: ['ignore', 2, 2] })
    npm.once('error', reject)
    npm.once('exit', resolve)
  })
  if (code !== 0) throw new Error(`npm ci in ${PACKAGE_DIR} failed with exit code ${code}`)
  if (!(await installed())) {
    const hint = headers
      ? ''
      : ` (no C headers of Node ${process.versions.node} were found here: set npm_config_nodedir to a directory with include/node of this Node)`
    throw new Error(`npm ci in ${PACKAGE_DIR} left node_modules out of sync with its lockfile${hint}`)
  }
}

/**
 * A directory holding the C headers of the Node running us (include/node, of
 * this very version), for node-gyp, or undefined. Node's own tree when it has
 * one; the npm package node@22 runs a launcher (node_modules/node/bin/node)
 * whose tree has none, and keeps them beside it in node_modules/node-<os>-<cpu>.
 */
export function nodeHeadersDir(): string | undefined {
  const exec = process.execPath
  const trees = [dirname(dirname(realpathSync(exec))), dirname(dirname(exec))]
  const candidates = [
    ...trees,
    ...trees.map((t) => join(t, 'node_modules', `node-${process.platform}-${process.arch}`)),
    process.env.npm_config_nodedir,
  ].filter((d): d is string => d !== undefined && d !== '')
  return candidates.find((dir) => headersVersion(dir) === process.versions.node)
}

/** The Node version whose headers `dir` holds (include/node/node_version.h), or undefined. */
function headersVersion(dir: string): string | undefined {
  const file = join(dir, 'include', 'node', 'node_version.h')
  if (!existsSync(file)) return undefined
  const text = readFileSync(file, 'utf8')
  const part = (name: string) => text.match(new RegExp(`#define NODE_${name}_VERSION (\\d+)`))?.[1]
  const [major, minor, patch] = [part('MAJOR'), part('MINOR'), part('PATCH')]
  return major && minor && patch ? `${major}.${minor}.${patch}` : undefined
}

async function freePort(): Promise<number> {
  const server = createServer()
  // No host: the PDS listens on every interface, so ask for a port free on all of them.
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

type Plc = { url: string; close(): Promise<void> }

/** An in-memory PLC directory, as test/helpers/plc.ts runs it, in this process. */
async function startPlc(): Promise<Plc> {
  // Loaded only after ensureOfficialInstalled, from side-by-side/node_modules. CommonJS: Node finds its
  // named exports, but some loaders put them on the default import only.
  const mod = await import('@did-plc/server')
  const { PlcServer, Database } = mod.PlcServer ? mod : mod.default
  const server = PlcServer.create({ db: Database.mock(), port: 0 })
  const http = await server.start()
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => server.destroy() }
}

/** A service the PDS passes calls on to, as PDS_*_URL and PDS_*_DID name it. */
export type OfficialService = { url: string; did: string }

/** What the side-by-side tests set beyond the bench's defaults. */
export type OfficialOpts = {
  domains: number
  devMode?: boolean
  /**
   * The public name it runs under (PDS_HOSTNAME), so that two official PDSes on one PLC directory
   * have their own service DID and endpoint, as a migration between them needs. Default
   * `pds.bench.invalid` (`localhost` in dev mode). Its handle domains end in it then:
   * `.d0.<hostname>` ….
   */
  hostname?: string
  /** A PLC directory the caller runs (shared with other servers); else one in this process. */
  plcUrl?: string
  appView?: OfficialService
  /** Where com.atproto.moderation.createReport goes without a header. */
  reports?: OfficialService
  /** Mail: an smtp:// URL and the From address. */
  email?: { smtpUrl: string; from: string }
}

type EnvOpts = Omit<OfficialOpts, 'domains'> & {
  port: number
  dataDir: string
  plcUrl: string
  handleDomains: string[]
}

/**
 * The operator's pds.env. By default a production config (PDS_DEV_MODE off) behind a public
 * name that nothing resolves: TLS would end at a proxy anyway, and dev mode costs CPU on every
 * call by validating each response against its lexicon. `devMode` gives @atproto/dev-env's
 * setup instead: localhost, http public URL.
 */
async function pdsEnv(opts: EnvOpts) {
  const { Secp256k1Keypair } = await import('@atproto/crypto')
  const rotationKey = await Secp256k1Keypair.create({ exportable: true })
  const env: NodeJS.ProcessEnv = {}
  // Nothing of the caller's PDS_*/LOG_* settings or loaders (tsx) leaks into the measured process.
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(PDS_|LOG_|NODE_OPTIONS$)/.test(key)) env[key] = value
  }
  return {
    ...env,
    PDS_HOSTNAME: hostname(opts),
    PDS_PORT: String(opts.port),
    PDS_DEV_MODE: String(opts.devMode ?? false),
    // The PLC directory is plain http on loopback, which the SSRF guard refuses (dev mode implies this).
    PDS_DISABLE_SSRF_PROTECTION: 'true',
    PDS_DATA_DIRECTORY: opts.dataDir,
    PDS_BLOBSTORE_DISK_LOCATION: join(opts.dataDir, 'blobs'),
    PDS_DID_PLC_URL: opts.plcUrl,
    PDS_SERVICE_HANDLE_DOMAINS: opts.handleDomains.join(','),
    PDS_INVITE_REQUIRED: 'false',
    // Off, as in @atproto/dev-env (and the PDS default); the bench turns primal-pds's off too.
    PDS_RATE_LIMITS_ENABLED: 'false',
    PDS_JWT_SECRET: randomBytes(32).toString('hex'),
    PDS_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
    PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: Buffer.from(await rotationKey.export()).toString('hex'),
    // Set as in every deployment and in @atproto/dev-env. The bench's is a dummy: its scenarios
    // are all com.atproto.repo/sync, which never proxy to an appview.
    PDS_BSKY_APP_VIEW_URL: opts.appView?.url ?? 'https://appview.invalid',
    PDS_BSKY_APP_VIEW_DID: opts.appView?.did ?? 'did:example:appview',
    ...(opts.email ? { PDS_EMAIL_SMTP_URL: opts.email.smtpUrl, PDS_EMAIL_FROM_ADDRESS: opts.email.from } : {}),
    ...(opts.reports
      ? {
          PDS_REPORT_SERVICE_URL: opts.reports.url,
          PDS_REPORT_SERVICE_DID: opts.reports.did,
          PDS_MOD_SERVICE_URL: opts.reports.url,
          PDS_MOD_SERVICE_DID: opts.reports.did,
        }
      : {}),
    // Quiet, so logging costs do not count against it.
    LOG_ENABLED: 'false',
  }
}

/** The public name it runs under; its service DID is did:web of it. */
function hostname(opts: Pick<OfficialOpts, 'devMode' | 'hostname'>): string {
  return opts.hostname ?? (opts.devMode ? 'localhost' : 'pds.bench.invalid')
}

/** The child's ready line, or undefined for anything else a library might print to stdout. */
function readyLine(line: string): { ready?: unknown; port?: unknown } | undefined {
  try {
    const msg: unknown = JSON.parse(line)
    return typeof msg === 'object' && msg !== null ? msg : undefined
  } catch {
    return undefined
  }
}

/** Resolves with the port from the child's ready line; rejects if it exits or stalls first. */
function waitReady(child: ChildProcess, stderrTail: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const fail = (why: string) => {
      cleanup()
      reject(new Error(`official PDS ${why}: ${stderrTail() || '(no stderr)'}`))
    }
    const onData = (chunk: Buffer) => {
      buffered += chunk
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl)
        buffered = buffered.slice(nl + 1)
        const msg = readyLine(line)
        if (msg?.ready && typeof msg.port === 'number') {
          cleanup()
          resolve(msg.port)
          return
        }
      }
    }
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code}) before ready`)
    const timer = setTimeout(() => fail(`not ready after ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS)
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout?.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout?.on('data', onData)
    child.once('exit', onExit)
  })
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
  await exited
  clearTimeout(timer)
}

/** Starts a PLC directory (unless given one) and the official PDS serving `.d0.test` … `.d<domains-1>.test`. */
export async function startOfficial(opts: OfficialOpts): Promise<OfficialPds> {
  if (!Number.isInteger(opts.domains) || opts.domains < 1) throw new Error('domains must be a positive integer')
  await ensureOfficialInstalled()
  const handleDomains = Array.from({ length: opts.domains }, (_, i) =>
    opts.hostname ? `.d${i}.${opts.hostname}` : `.d${i}.test`,
  )
  const plc: Plc = opts.plcUrl ? { url: opts.plcUrl, close: async () => {} } : await startPlc()
  const dataDir = await mkdtemp(join(tmpdir(), 'official-pds-'))
  let child: ChildProcess | undefined
  // A bench that dies without close() must not leave the PDS running.
  const killOnExit = () => child?.kill('SIGKILL')
  process.once('exit', killOnExit)
  const cleanup = async () => {
    process.off('exit', killOnExit)
    if (child) await stopChild(child)
    await plc.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    const port = await freePort()
    const env = await pdsEnv({ ...opts, port, dataDir, plcUrl: plc.url, handleDomains })
    child = spawn(process.execPath, [CHILD], { cwd: PACKAGE_DIR, env, stdio: ['pipe', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk).slice(-4000)
    })
    const url = `http://127.0.0.1:${await waitReady(child, () => stderr)}`
    child.stdout?.resume() // keep draining: a full pipe would stall the server
    let closing: Promise<void> | undefined
    return {
      url,
      // As @atproto/pds derives it from PDS_HOSTNAME.
      publicUrl: hostname(opts) === 'localhost' ? `http://localhost:${port}` : `https://${hostname(opts)}`,
      pid: child.pid as number,
      handleDomains,
      serviceDid: `did:web:${hostname(opts)}`,
      createAccount: (name, domainIndex) => createAccount(url, handleDomains, name, domainIndex),
      close: () => {
        closing ??= cleanup()
        return closing
      },
    }
  } catch (err) {
    await cleanup()
    throw err
  }
}

async function createAccount(url: string, handleDomains: string[], name: string, domainIndex: number) {
  const domain = handleDomains[domainIndex]
  if (domain === undefined) throw new Error(`domainIndex ${domainIndex} is not one of 0..${handleDomains.length - 1}`)
  const handle = `${name}${domain}`
  const password = randomBytes(12).toString('hex')
  const res = await fetch(`${url}/xrpc/com.atproto.server.createAccount`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ handle, email: `${name}.d${domainIndex}@example.com`, password }),
  })
  const body = (await res.json()) as { did?: string; handle?: string; accessJwt?: string; message?: string }
  if (!res.ok || !body.did || !body.handle || !body.accessJwt) {
    throw new Error(`createAccount ${handle}: HTTP ${res.status} ${JSON.stringify(body)}`)
  }
  return { did: body.did, handle: body.handle, accessJwt: body.accessJwt, password }
}
