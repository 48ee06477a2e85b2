// Stand-ins for the rest of the network's identity, on loopback: a DNS
// server (dns2, UDP) answering `_atproto.<handle>` TXT records, and an HTTP
// host serving handles' /.well-known/atproto-did and a did:web document.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import dns2 from 'dns2'

export type TestDns = {
  /** `ip:port`, for identity.dnsServers. */
  server: string
  /** Sets (or with no values, removes) the TXT strings of `name`. */
  txt(name: string, ...values: string[]): void
  /** How many queries it has answered. */
  readonly queries: number
  close(): Promise<void>
}

export async function startDns(): Promise<TestDns> {
  const records = new Map<string, string[]>()
  let queries = 0
  const { Packet } = dns2
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      queries++
      const response = Packet.createResponseFromRequest(request)
      const question = request.questions[0]
      const values = question && records.get(question.name.toLowerCase())
      if (question && values && question.type === Packet.TYPE.TXT) {
        for (const data of values) {
          const answer = { name: question.name, type: Packet.TYPE.TXT, class: Packet.CLASS.IN, ttl: 60, data }
          response.answers.push(answer as dns2.Packet.Resource)
        }
      } else if (!values) {
        response.header.rcode = Packet.RCODE.NXDOMAIN
      }
      void send(response)
    },
  })
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } })
  return {
    server: `127.0.0.1:${addresses.udp?.port}`,
    txt: (name, ...values) => {
      if (values.length === 0) records.delete(name)
      else records.set(name, values)
    },
    get queries() {
      return queries
    },
    close: () => server.close(),
  }
}

export type TestWellKnownHost = {
  /** For identity.handleWellKnownUrl. */
  handleUrl: string
  /** `did:web:localhost%3A<port>`: the did:web this host serves. */
  didWeb: string
  /** Serves `did` at /<handle>/.well-known/atproto-did (undefined: 404). */
  handle(handle: string, did: string | undefined): void
  /** Serves the did:web document (undefined: 404). */
  setDidWebDoc(doc: object | undefined): void
  close(): Promise<void>
}

export async function startWellKnownHost(): Promise<TestWellKnownHost> {
  const handles = new Map<string, string>()
  let didWebDoc: object | undefined
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    const handle = /^\/([^/]+)\/\.well-known\/atproto-did$/.exec(path)?.[1]
    const did = handle && handles.get(decodeURIComponent(handle))
    if (did) return res.writeHead(200, { 'content-type': 'text/plain' }).end(did)
    if (path === '/.well-known/did.json' && didWebDoc) {
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(didWebDoc))
    }
    res.writeHead(404).end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    handleUrl: `http://127.0.0.1:${port}/{handle}/.well-known/atproto-did`,
    didWeb: `did:web:localhost%3A${port}`,
    handle: (handle, did) => {
      if (did === undefined) handles.delete(handle)
      else handles.set(handle, did)
    },
    setDidWebDoc: (doc) => {
      didWebDoc = doc
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
