// A stand-in AppView, chat, notification and moderation service on loopback
// under its own did:web (did:web:localhost%3A<port>, its document at
// /.well-known/did.json), for the PDS to pass calls on to. It checks every
// service-auth token it gets as Bluesky's services do (signature against the
// caller's DID document key, aud its own DID, lxm the method, not expired),
// records what it got, and answers canned views.
import dns from 'node:dns/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DidResolver } from '@atproto/identity'
import { verifyJwt } from '@atproto/xrpc-server'

export type ReceivedCall = {
  nsid: string
  method: string
  /** The token's claims, when it verified. */
  iss: string
  aud: string
  lxm?: string
  exp: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export type StandIn = {
  did: string
  url: string
  calls: ReceivedCall[]
  /** Answers queued for the next calls of a method, in place of its canned view. */
  answerNext(nsid: string, answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): void
  close(): Promise<void>
}

/** Services named in the DID document; `extra` adds more (a dead one, say). */
export async function startStandIn(plcUrl: string, extra: Record<string, string> = {}): Promise<StandIn> {
  const resolver = new DidResolver({ plcUrl, fetch: globalThis.fetch })
  const calls: ReceivedCall[] = []
  const queued = new Map<string, ((req: http.IncomingMessage, res: http.ServerResponse) => void)[]>()
  // did:web of localhost is read over http at the address "localhost" names first: listen there.
  const { address } = await dns.lookup('localhost')
  const server = http.createServer((req, res) => {
    serve(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'StandInFailed', message: String(err) }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  const port = (server.address() as AddressInfo).port
  const url = `http://localhost:${port}`
  const did = `did:web:localhost%3A${port}`
  const services = { bsky_appview: url, bsky_chat: url, bsky_notif: url, atproto_labeler: url, ...extra }
  const doc = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    service: Object.entries(services).map(([id, endpoint]) => ({
      id: `#${id}`,
      type: 'StandInService',
      serviceEndpoint: endpoint,
    })),
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', url)
    if (path.pathname === '/.well-known/did.json') return send(res, 200, doc)
    const nsid = path.pathname.replace(/^\/xrpc\//, '')
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    // Records are public: asked for without a token (a feed generator's, to find who serves the feed).
    if (nsid === 'com.atproto.repo.getRecord') {
      return (queued.get(nsid)?.shift() ?? ((_, out) => send(out, 200, feedRecord(path.searchParams, did))))(req, res)
    }
    const jwt = req.headers.authorization?.replace(/^Bearer /, '') ?? ''
    let claims: Awaited<ReturnType<typeof verifyJwt>>
    try {
      // getFeed carries a token for the feed generator, for its getFeedSkeleton, as Bluesky's AppView accepts it.
      claims =
        nsid === 'app.bsky.feed.getFeed'
          ? await verifyJwt(jwt, null, 'app.bsky.feed.getFeedSkeleton', (iss, force) =>
              resolver.resolveAtprotoKey(iss, force),
            )
          : await verifyJwt(jwt, did, nsid, (iss, force) => resolver.resolveAtprotoKey(iss, force))
    } catch (err) {
      return send(res, 401, { error: 'AuthRequired', message: `stand-in refused the token: ${String(err)}` })
    }
    calls.push({ nsid, method: req.method ?? '', ...claims, headers: req.headers, body: Buffer.concat(chunks) })
    const next = queued.get(nsid)?.shift()
    if (next) return next(req, res)
    const answer = canned(nsid, path.searchParams, claims.iss, Buffer.concat(chunks))
    send(res, answer.status, answer.body, answer.headers)
  }

  return {
    did,
    url,
    calls,
    answerNext: (nsid, answer) => queued.set(nsid, [...(queued.get(nsid) ?? []), answer]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

/** A feed generator record served by this stand-in (its DID). */
function feedRecord(params: URLSearchParams, did: string): unknown {
  return {
    uri: `at://${params.get('repo')}/${params.get('collection')}/${params.get('rkey')}`,
    cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
    value: {
      $type: 'app.bsky.feed.generator',
      did,
      displayName: 'Stand-in feed',
      createdAt: new Date(0).toISOString(),
    },
  }
}

type Canned = { status: number; body: unknown; headers?: http.OutgoingHttpHeaders }

function canned(nsid: string, params: URLSearchParams, iss: string, body: Buffer): Canned {
  switch (nsid) {
    case 'app.bsky.feed.getTimeline':
      return {
        status: 200,
        body: { feed: [], cursor: 'end' },
        headers: {
          'atproto-repo-rev': '3standinrev22',
          'atproto-content-labelers': 'did:plc:ar7c4by46qjdydhdevvrndac',
        },
      }
    case 'app.bsky.actor.getProfile':
      if (params.get('actor') === 'missing.test') {
        return { status: 400, body: { error: 'InvalidRequest', message: 'Profile not found' } }
      }
      return { status: 200, body: { did: iss, handle: params.get('actor') ?? '' } }
    case 'app.bsky.feed.getFeed':
      return { status: 200, body: { feed: [] } }
    case 'app.bsky.notification.getUnreadCount':
      return { status: 200, body: { count: 3 } }
    case 'chat.bsky.convo.listConvos':
      return { status: 200, body: { convos: [] } }
    case 'com.atproto.moderation.createReport': {
      const input = JSON.parse(body.toString('utf8'))
      return { status: 200, body: { id: 1, ...input, reportedBy: iss, createdAt: new Date().toISOString() } }
    }
    default:
      return { status: 501, body: { error: 'MethodNotImplemented', message: `the stand-in has no ${nsid}` } }
  }
}
