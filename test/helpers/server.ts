// Starts the real server in-process on a random port, on real Postgres (a
// fresh management database) or on the embedded PGlite in a temp dir, and
// tears everything down afterwards.

import { mkdtempSync, rmSync } from 'node:fs'
import { type AddressInfo, createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RawConfig, validateConfig } from '../../src/config/config.js'
import { ensureSecrets } from '../../src/config/secrets.js'
import { type AppContext, closeAppContext, createAppContext } from '../../src/context.js'
import { type PdsServer, startServer } from '../../src/http/server.js'
import { createLogger, type Logger } from '../../src/lib/logger.js'
import type { Wing } from '../../src/wing.js'
import { dropDatabases, postgresReachable, uniqueDbName, urlFor } from './postgres.js'

export type Backend = 'postgres' | 'embedded'

export type TestServer = {
  ctx: AppContext
  server: PdsServer
  url: string
  adminKey: string
  backend: Backend
  /** The management database name (Postgres) or schema (embedded). */
  managementName: string
  close(): Promise<void>
}

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef'

/**
 * The config that keeps a test server on this machine, in process or as a
 * child: identity lookups that never leave it (a test may resolve any handle
 * or DID, and the property tests resolve random ones: DNS asked of a loopback
 * port nothing listens on, which refuses at once; DID documents and
 * well-known DIDs fetched from loopback only), and no Bluesky service to pass
 * calls on to (calls we do not serve get 501 unless a test names a service).
 */
export const OFFLINE: RawConfig = {
  identity: { dnsServers: ['127.0.0.1:9'], timeoutMs: 500, loopbackOnly: true },
  appView: false,
  chat: false,
  moderation: false,
}

/** The backend tests use by default: Postgres when reachable, else embedded. */
export async function defaultBackend(): Promise<Backend> {
  return (await postgresReachable()) ? 'postgres' : 'embedded'
}

export async function startTestServer(
  opts: {
    backend?: Backend
    config?: RawConfig
    /** Else one at config.logLevel, to stdout. */
    logger?: Logger
    /** The server's way to Postgres when not DATABASE_URL itself (a proxy the test can cut); the same server. */
    postgresUrl?: string
    /** The apps on the core (createAppContext's default: the agent app). */
    wings?: Wing[]
    /**
     * Serve at http://localhost:<port> and name that URL as serviceURL: the
     * one plain-http issuer OAuth clients accept, and the URL their DPoP
     * proofs and the DID documents name (else serviceURL is the config's, and
     * the server listens on any free port).
     */
    localhostUrl?: boolean
  } = {},
): Promise<TestServer> {
  const backend = opts.backend ?? (await defaultBackend())
  const port = opts.localhostUrl ? await freePort() : 0
  const dataDir = mkdtempSync(join(tmpdir(), 'primal-pds-test-'))
  const managementName = backend === 'postgres' ? uniqueDbName() : 'primal_pds'
  const raw: RawConfig = {
    port: 0,
    host: '127.0.0.1',
    adminKey: ADMIN_KEY,
    dataDir,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Sign-up without invite codes, as the tests were written before them; the invite tests ask for them.
    invites: { required: false },
    ...OFFLINE,
    ...(port ? { serviceURL: `http://localhost:${port}` } : {}),
    ...opts.config,
  }
  if (backend === 'postgres') {
    const database = (opts.config?.database ?? {}) as RawConfig
    raw.database = { maxConnections: 20, ...database, url: urlFor(managementName, opts.postgresUrl) }
  }
  const config = validateConfig(raw, 'test config', dataDir)
  ensureSecrets(config)
  const ctx = await createAppContext(config, {
    logger: opts.logger ?? createLogger(config.logLevel),
    wings: opts.wings,
  })
  const server = await startServer(ctx, port, '127.0.0.1')
  const url = port ? config.serviceURL : `http://127.0.0.1:${server.port}`
  return {
    ctx,
    server,
    url,
    adminKey: ADMIN_KEY,
    backend,
    managementName,
    close: async () => {
      await server.close()
      await closeAppContext(ctx)
      if (backend === 'postgres') await dropDatabases(managementName)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A port free on loopback now (the server binds it right after: another process taking it first fails the start loudly). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })
}
