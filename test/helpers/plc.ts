// A real PLC directory for tests: @did-plc/server on its in-memory database,
// on a random port, plus readers for what it holds about a DID. Its in-memory
// database has no export (/export is always empty): a test that follows the
// export asks for the Postgres one, a schema of its own in the test database.
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import plcServer from '@did-plc/server'
import { adminQuery, DATABASE_URL } from './postgres.js'

export type PlcDocData = {
  did: string
  rotationKeys: string[]
  verificationMethods: Record<string, string>
  alsoKnownAs: string[]
  services: Record<string, { type: string; endpoint: string }>
}

export type TestPlc = {
  url: string
  data(did: string): Promise<PlcDocData | undefined>
  doc(did: string): Promise<Record<string, unknown> | undefined>
  log(did: string): Promise<unknown[]>
  close(): Promise<void>
}

export async function startPlc(opts: { postgres?: boolean } = {}): Promise<TestPlc> {
  // The package is CommonJS; its named exports arrive on the default import.
  const { PlcServer, Database } = plcServer as unknown as typeof import('@did-plc/server')
  // @did-plc/server takes schema names of letters and underscores only.
  const schema = opts.postgres
    ? `plc_test_${[...randomBytes(12)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`
    : undefined
  let db: ReturnType<typeof Database.mock> | InstanceType<typeof Database> = Database.mock()
  if (schema) {
    const pgDb = Database.postgres({ url: DATABASE_URL, schema })
    await pgDb.migrateToLatestOrThrow()
    db = pgDb
  }
  const server = PlcServer.create({ db, port: 0 })
  const http = await server.start()
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const get = async (path: string) => {
    const res = await fetch(`${url}${path}`)
    if (res.status === 404) return undefined
    if (!res.ok) throw new Error(`PLC ${path}: HTTP ${res.status} ${await res.text()}`)
    return res.json()
  }
  return {
    url,
    data: (did) => get(`/${did}/data`),
    doc: (did) => get(`/${did}`),
    log: async (did) => (await get(`/${did}/log`)) ?? [],
    close: async () => {
      await server.destroy()
      if (schema) await adminQuery(`drop schema if exists ${schema} cascade`)
    },
  }
}

export type PlcGate = {
  url: string
  /** pass: every request through; refuse: an operation (POST) answered 400 as PLC rejects one; down: every request cut. */
  mode: 'pass' | 'refuse' | 'down'
  /** Operations refused so far. */
  refused: number
  close(): Promise<void>
}

/** Stands between a server and the directory at `target`, to refuse operations or cut every request on demand. */
export async function startPlcGate(target: string): Promise<PlcGate> {
  const gate = { mode: 'pass' as PlcGate['mode'], refused: 0 }
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (gate.mode === 'down') return void req.socket.destroy()
    if (gate.mode === 'refuse' && req.method === 'POST') {
      gate.refused++
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'Invalid signature on op' }))
      return
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      body: req.method === 'POST' ? Buffer.concat(chunks) : undefined,
    })
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' })
    res.end(Buffer.from(await upstream.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return Object.assign(gate, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  })
}
