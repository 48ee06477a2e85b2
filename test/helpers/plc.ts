// A real PLC directory for tests: @did-plc/server on its in-memory database,
// on a random port, plus readers for what it holds about a DID. Its in-memory
// database has no export (/export is always empty): a test that follows the
// export asks for the Postgres one, a schema of its own in the test database.
import { randomBytes } from 'node:crypto'
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
