// A stand-in relay on loopback that keeps the books Bluesky's relay (indigo,
// cmd/relay) keeps where our PDS hosts meet it: requestCrawl checks the host
// with describeServer and subscribes to its firehose; each account is taken
// only from the host its DID document names (a known account seen on another
// host moves there when its document now says so); a host's first
// `accountLimit` accounts are taken and a later one is refused, which marks
// the host throttled; getHostStatus, getRepoStatus and listHosts answer from
// those books.
//
// Its answers are indigo's: a host or repo it does not know is 404 HostNotFound
// or RepoNotFound; a host that fails describeServer is 400 HostNotFound. Two
// departures from indigo, for deterministic tests: requestCrawl answers only
// once the subscription is open (indigo answers first and subscribes in the
// background), and an account over the limit is refused outright (indigo
// keeps it as host-throttled, so its getRepoStatus would name it). indigo's
// getHostStatus leaves accountCount out today; `omitAccountCount` does too.
// Hosts are reached at 127.0.0.1:<port> with a Host header (`connect`), as a
// test's hosts all live on one loopback server.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import * as dagCbor from '@ipld/dag-cbor'
import { decodeFirst } from 'cborg'
import WebSocket from 'ws'

export type HostState = 'active' | 'idle' | 'offline' | 'throttled' | 'banned'

export type RelayAccount = {
  did: string
  host: string
  active: boolean
  status?: string
  rev?: string
}

export type RelayHost = { hostname: string; seq: number; accountCount: number; status: HostState }

/** Why an event was dropped: its DID names another host (or none), it could not be resolved, or the host is full. */
export type DropReason = 'wrongHost' | 'unresolved' | 'overLimit'

export type StandinRelayOptions = {
  /** The PLC directory that DID documents are read from. */
  plcUrl: string
  /** Where a hostname is reached: 127.0.0.1:<port>, sending `hostHeader` as Host. */
  connect: (hostname: string) => { port: number; hostHeader: string }
  /** Accounts taken per host (default: no limit). */
  accountLimit?: number
  /** getHostStatus leaves accountCount out, as indigo's does today (listHosts still has it). */
  omitAccountCount?: boolean
}

export type StandinRelay = {
  url: string
  /** Every account the relay took, by DID. */
  accounts(): Map<string, RelayAccount>
  /** The hostnames the relay subscribed to, in the order it did. */
  hostsSeen(): string[]
  host(hostname: string): RelayHost | undefined
  /** Events dropped, by reason. */
  readonly drops: Record<DropReason, number>
  close(): Promise<void>
}

type Host = RelayHost & {
  socket?: WebSocket
  /** Events are handled one after another, in stream order (resolving a DID is async). */
  queue: Promise<void>
  retryMs: number
}

type Frame = { header: { op: number; t?: string }; body: Record<string, unknown> }

const RETRY_FIRST_MS = 50
const RETRY_MAX_MS = 2000

/** A test's hosts all live on one loopback server: a hostname is reached at 127.0.0.1 on the port it names, with itself as Host. */
export const loopbackHost = (hostname: string) => ({ port: Number(hostname.split(':')[1]), hostHeader: hostname })

export async function startStandinRelay(opts: StandinRelayOptions): Promise<StandinRelay> {
  const limit = opts.accountLimit ?? Number.POSITIVE_INFINITY
  const hosts = new Map<string, Host>()
  const accounts = new Map<string, RelayAccount>()
  const drops: Record<DropReason, number> = { wrongHost: 0, unresolved: 0, overLimit: 0 }
  let closed = false

  /** host[:port] of the PDS a DID's document names, fresh from the PLC (undefined: none, or unresolvable). */
  async function pdsHostOf(did: string): Promise<string | undefined | null> {
    const res = await fetch(`${opts.plcUrl}/${encodeURIComponent(did)}`).catch(() => undefined)
    if (!res?.ok) return undefined
    const doc = (await res.json()) as { service?: { id?: string; type?: string; serviceEndpoint?: unknown }[] }
    const pds = doc.service?.find((s) => s.id?.endsWith('#atproto_pds') && s.type === 'AtprotoPersonalDataServer')
    if (typeof pds?.serviceEndpoint !== 'string') return null
    try {
      return new URL(pds.serviceEndpoint).host.toLowerCase()
    } catch {
      return null
    }
  }

  /** The account an event of `did` from `host` counts for, or undefined when the event is dropped. */
  async function accountFor(host: Host, did: string, kind: string): Promise<RelayAccount | undefined> {
    const known = accounts.get(did)
    if (known && known.host === host.hostname && kind !== '#identity') return known
    const named = await pdsHostOf(did)
    if (named === undefined && !known) {
      drops.unresolved++
      return undefined
    }
    if (named !== host.hostname) {
      // A known account whose document cannot be read now stays where it was.
      if (known && known.host === host.hostname && named === undefined) return known
      drops.wrongHost++
      return undefined
    }
    if (known) {
      if (known.host !== host.hostname) {
        // The account moved here, as indigo follows a migrated account.
        const from = hosts.get(known.host)
        if (from) from.accountCount--
        known.host = host.hostname
        host.accountCount++
      }
      return known
    }
    if (host.accountCount >= limit) {
      drops.overLimit++
      host.status = 'throttled'
      return undefined
    }
    const account: RelayAccount = { did, host: host.hostname, active: true }
    accounts.set(did, account)
    host.accountCount++
    return account
  }

  async function handle(host: Host, frame: Frame): Promise<void> {
    if (frame.header.op !== 1) return
    const kind = frame.header.t ?? ''
    const body = frame.body
    if (typeof body.seq === 'number') host.seq = Math.max(host.seq, body.seq)
    if (!['#commit', '#sync', '#identity', '#account'].includes(kind)) return
    const did = String(kind === '#commit' ? body.repo : body.did)
    const account = await accountFor(host, did, kind)
    if (!account) return
    if ((kind === '#commit' || kind === '#sync') && typeof body.rev === 'string') account.rev = body.rev
    if (kind === '#account') {
      account.active = body.active === true
      account.status = typeof body.status === 'string' ? body.status : undefined
    }
  }

  /** Opens the host's firehose (from its last seq when it has one); resolves once it is open. */
  function subscribe(host: Host): Promise<void> {
    const { port, hostHeader } = opts.connect(host.hostname)
    const url = new URL(`ws://127.0.0.1:${port}/xrpc/com.atproto.sync.subscribeRepos`)
    if (host.seq > 0) url.searchParams.set('cursor', String(host.seq))
    const socket = new WebSocket(url, { headers: { host: hostHeader } })
    host.socket = socket
    socket.on('message', (data: Buffer) => {
      const frame = decodeFrame(new Uint8Array(data))
      host.queue = host.queue.then(() => handle(host, frame)).catch(() => {})
    })
    socket.on('close', () => {
      if (closed || host.socket !== socket) return
      // As indigo: the host is offline until the subscription is back, from the last seq seen.
      if (host.status !== 'throttled') host.status = 'offline'
      setTimeout(() => {
        if (closed) return
        subscribe(host).then(
          () => {
            host.retryMs = RETRY_FIRST_MS
            if (host.status === 'offline') host.status = 'active'
          },
          () => {},
        )
      }, host.retryMs).unref()
      host.retryMs = Math.min(host.retryMs * 2, RETRY_MAX_MS)
    })
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
  }

  async function requestCrawl(hostname: unknown): Promise<{ status: number; body: unknown }> {
    if (typeof hostname !== 'string' || !/^[a-z0-9.-]+(:\d+)?$/i.test(hostname)) {
      return { status: 400, body: { error: 'BadRequest', message: 'hostname field empty or invalid' } }
    }
    const name = hostname.toLowerCase()
    if (hosts.has(name)) return { status: 200, body: {} }
    const described = await describe(opts.connect(name)).catch((err: Error) => err.message)
    if (described !== true) {
      return {
        status: 400,
        body: { error: 'HostNotFound', message: `host server unreachable: ${described}` },
      }
    }
    const host: Host = {
      hostname: name,
      seq: 0,
      accountCount: 0,
      status: 'active',
      queue: Promise.resolve(),
      retryMs: RETRY_FIRST_MS,
    }
    hosts.set(name, host)
    await subscribe(host)
    return { status: 200, body: {} }
  }

  function hostView(h: Host): RelayHost {
    return { hostname: h.hostname, seq: h.seq, accountCount: h.accountCount, status: h.status }
  }

  async function answer(req: http.IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://relay')
    const nsid = url.pathname.replace(/^\/xrpc\//, '')
    if (nsid === 'com.atproto.sync.requestCrawl' && req.method === 'POST') {
      let text = ''
      for await (const chunk of req) text += chunk
      const input = (() => {
        try {
          return JSON.parse(text) as { hostname?: unknown }
        } catch {
          return {}
        }
      })()
      return requestCrawl(input.hostname)
    }
    if (nsid === 'com.atproto.sync.getHostStatus') {
      const host = hosts.get(String(url.searchParams.get('hostname')).toLowerCase())
      if (!host) return { status: 404, body: { error: 'HostNotFound', message: 'host not found' } }
      const view = hostView(host)
      return { status: 200, body: opts.omitAccountCount ? { ...view, accountCount: undefined } : view }
    }
    if (nsid === 'com.atproto.sync.getRepoStatus') {
      const a = accounts.get(String(url.searchParams.get('did')))
      if (!a) return { status: 404, body: { error: 'RepoNotFound', message: 'account not found' } }
      return {
        status: 200,
        body: { did: a.did, active: a.active, status: a.status, rev: a.active ? a.rev : undefined },
      }
    }
    if (nsid === 'com.atproto.sync.listHosts') {
      // Pages in the order hosts were first seen; the cursor is an offset.
      const from = Number(url.searchParams.get('cursor') ?? 0) || 0
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 200) || 200, 1), 1000)
      const page = [...hosts.values()].slice(from, from + limit).map(hostView)
      const cursor = from + limit < hosts.size ? String(from + limit) : undefined
      return { status: 200, body: { hosts: page, cursor } }
    }
    return { status: 501, body: { error: 'MethodNotImplemented', message: `${nsid} is not served here` } }
  }

  const server = http.createServer((req, res) => {
    answer(req).then(
      ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (err: Error) => res.writeHead(500).end(JSON.stringify({ error: 'InternalServerError', message: err.message })),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accounts: () => accounts,
    hostsSeen: () => [...hosts.keys()],
    host: (hostname) => {
      const h = hosts.get(hostname.toLowerCase())
      return h && hostView(h)
    },
    drops,
    close: async () => {
      closed = true
      for (const h of hosts.values()) h.socket?.terminate()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** Whether the host answers com.atproto.server.describeServer (true), else the problem. */
function describe(target: { port: number; hostHeader: string }): Promise<true> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      `http://127.0.0.1:${target.port}/xrpc/com.atproto.server.describeServer`,
      { headers: { host: target.hostHeader } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d) => {
          text += d
        })
        res.on('end', () => {
          let did: unknown
          try {
            did = (JSON.parse(text) as { did?: unknown }).did
          } catch {}
          if (res.statusCode === 200 && typeof did === 'string') resolve(true)
          else reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`))
        })
      },
    )
    req.on('error', reject)
  })
}

function decodeFrame(raw: Uint8Array): Frame {
  const [header, rest] = decodeFirst(raw, dagCbor.decodeOptions)
  return { header: header as Frame['header'], body: dagCbor.decode(rest) as Record<string, unknown> }
}
