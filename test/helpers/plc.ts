// A real PLC directory for tests: @did-plc/server on its in-memory database,
// on a random port, plus readers for what it holds about a DID.
import type { AddressInfo } from 'node:net'
import plcServer from '@did-plc/server'

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

export async function startPlc(): Promise<TestPlc> {
  // The package is CommonJS; its named exports arrive on the default import.
  const { PlcServer, Database } = plcServer as unknown as typeof import('@did-plc/server')
  const server = PlcServer.create({ db: Database.mock(), port: 0 })
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
    close: () => server.destroy(),
  }
}
