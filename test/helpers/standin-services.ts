// A stand-in AppView, chat, notification and moderation service on loopback
// under its own did:web (did:web:localhost%3A<port>, its document at
// /.well-known/did.json), for the PDS to pass calls on to. Each service id
// in its document answers on its own port, so a call shows which one the PDS
// chose. It checks every service-auth token it gets as Bluesky's services do
// (signature against the caller's DID document key, aud its own DID, lxm the
// method, not expired), records what it got, and answers canned views.
import dns from 'node:dns/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { DidResolver } from '@atproto/identity'
import { AtUri } from '@atproto/syntax'
import { verifyJwt } from '@atproto/xrpc-server'

export type ReceivedCall = {
  nsid: string
  method: string
  /** The service id whose endpoint the call arrived at (bsky_appview, bsky_chat, bsky_notif, atproto_labeler). */
  service: ServiceId
  /** The token's claims, when it verified. */
  iss: string
  aud: string
  lxm?: string
  exp: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export const SERVICE_IDS = ['bsky_appview', 'bsky_chat', 'bsky_notif', 'atproto_labeler'] as const
export type ServiceId = (typeof SERVICE_IDS)[number]

/** The feed generator the stand-in AppView's generator records name, for getFeed's token. */
export const FEED_GENERATOR_DID = 'did:web:feeds.standin.test'

/** The methods getFeed's token may name, as Bluesky's AppView accepts them (it passes the token on to the generator). */
const FEED_METHODS = new Set(['app.bsky.feed.getFeedSkeleton', 'app.bsky.feed.getFeed'])

export type StandIn = {
  did: string
  /** The AppView's endpoint, which also serves the DID document (any endpoint answers any method). */
  url: string
  /** Each service id's endpoint, as its DID document names it. */
  urls: Record<ServiceId, string>
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
  const servers: http.Server[] = []
  const urls = {} as Record<ServiceId, string>
  for (const id of SERVICE_IDS) {
    const server = http.createServer((req, res) => {
      serve(req, res, id).catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: 'StandInFailed', message: String(err) }))
      })
    })
    await new Promise<void>((resolve) => server.listen(0, address, resolve))
    servers.push(server)
    urls[id] = `http://localhost:${(server.address() as AddressInfo).port}`
  }
  const url = urls.bsky_appview
  const did = `did:web:localhost%3A${new URL(url).port}`
  const services: Record<string, string> = { ...urls, ...extra }
  const doc = {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    service: Object.entries(services).map(([id, endpoint]) => ({
      id: `#${id}`,
      type: 'StandInService',
      serviceEndpoint: endpoint,
    })),
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, service: ServiceId): Promise<void> {
    const path = new URL(req.url ?? '/', url)
    if (path.pathname === '/.well-known/did.json') return send(res, 200, doc)
    const nsid = path.pathname.replace(/^\/xrpc\//, '')
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    // A record is public: the AppView serves it to anyone (the PDS reads a feed's generator so).
    if (nsid === 'com.atproto.repo.getRecord') {
      const next = queued.get(nsid)?.shift()
      return next ? next(req, res) : sendRecord(res, path.searchParams)
    }
    const jwt = req.headers.authorization?.replace(/^Bearer /, '') ?? ''
    let claims: Awaited<ReturnType<typeof verifyJwt>>
    try {
      // getFeed's token is for the feed generator, which the AppView passes it on to: any audience, either method.
      const feed = nsid === 'app.bsky.feed.getFeed'
      claims = await verifyJwt(jwt, feed ? null : did, feed ? null : nsid, (iss, force) =>
        resolver.resolveAtprotoKey(iss, force),
      )
      if (feed && !FEED_METHODS.has(claims.lxm ?? '')) throw new Error(`bad lxm for a feed: ${claims.lxm}`)
    } catch (err) {
      return send(res, 401, { error: 'AuthRequired', message: `stand-in refused the token: ${String(err)}` })
    }
    calls.push({
      nsid,
      method: req.method ?? '',
      service,
      ...claims,
      headers: req.headers,
      body: Buffer.concat(chunks),
    })
    const next = queued.get(nsid)?.shift()
    if (next) return next(req, res)
    const answer = canned(nsid, path.searchParams, claims.iss, Buffer.concat(chunks))
    if (answer.status === 200 && answer.body === undefined) {
      res.writeHead(200)
      res.end()
      return
    }
    send(res, answer.status, answer.body, answer.headers)
  }

  return {
    did,
    url,
    urls,
    calls,
    answerNext: (nsid, answer) => queued.set(nsid, [...(queued.get(nsid) ?? []), answer]),
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections()
              server.close(() => resolve())
            }),
        ),
      )
    },
  }
}

/** A feed generator record naming FEED_GENERATOR_DID; no other record is there. */
function sendRecord(res: http.ServerResponse, params: URLSearchParams): void {
  const [repo, collection, rkey] = ['repo', 'collection', 'rkey'].map((name) => params.get(name) ?? '')
  if (collection !== 'app.bsky.feed.generator') {
    send(res, 400, { error: 'RecordNotFound', message: `Could not locate record: ${repo}/${collection}/${rkey}` })
    return
  }
  send(res, 200, {
    uri: `at://${repo}/${collection}/${rkey}`,
    cid: SOME_CID,
    value: {
      $type: collection,
      did: FEED_GENERATOR_DID,
      displayName: 'Discover',
      createdAt: INDEXED_AT,
    },
  })
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

type Canned = { status: number; body?: unknown; headers?: http.OutgoingHttpHeaders }

/** A CID of the empty record: the views below need one, and nothing reads it. */
const SOME_CID = 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm'
const INDEXED_AT = '2026-01-01T00:00:00.000Z'

/** The views the stand-in answers: each valid for its method's output in the lexicon, as the app's client checks. */
function canned(nsid: string, params: URLSearchParams, iss: string, body: Buffer): Canned {
  const ok = (view?: unknown): Canned => ({ status: 200, body: view })
  const input = () => JSON.parse(body.toString('utf8') || '{}')
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
    case 'app.bsky.feed.getFeed':
      return ok({ feed: [] })
    case 'app.bsky.feed.getFeedGenerators':
      return ok({
        feeds: params.getAll('feeds').map((uri) => ({
          uri,
          cid: SOME_CID,
          did: FEED_GENERATOR_DID,
          creator: { did: new AtUri(uri).host, handle: 'feeds.standin.test' },
          displayName: 'Discover',
          indexedAt: INDEXED_AT,
        })),
      })
    case 'app.bsky.labeler.getServices':
      return ok({
        views: params.getAll('dids').map((labeler) => ({
          $type: 'app.bsky.labeler.defs#labelerViewDetailed',
          uri: `at://${labeler}/app.bsky.labeler.service/self`,
          cid: SOME_CID,
          creator: { did: labeler, handle: 'labeler.standin.test' },
          policies: { labelValues: ['spam'] },
          indexedAt: INDEXED_AT,
        })),
      })
    case 'app.bsky.actor.getProfile':
      if (params.get('actor') === 'missing.test') {
        return { status: 400, body: { error: 'InvalidRequest', message: 'Profile not found' } }
      }
      return ok({ did: iss, handle: handleOf(params.get('actor')) })
    case 'app.bsky.notification.getUnreadCount':
      return ok({ count: 3 })
    case 'app.bsky.notification.listNotifications':
      return ok({ notifications: [], seenAt: INDEXED_AT })
    case 'app.bsky.notification.getPreferences':
      return ok({ preferences: notificationPreferences() })
    case 'app.bsky.notification.putPreferencesV2':
      return ok({ preferences: { ...notificationPreferences(), ...input() } })
    case 'app.bsky.notification.updateSeen':
    case 'app.bsky.notification.registerPush':
      return ok()
    case 'chat.bsky.convo.listConvos':
      return ok({ convos: [] })
    case 'chat.bsky.convo.getLog':
      return ok({ logs: [] })
    case 'chat.bsky.convo.getConvoForMembers':
      return ok({
        convo: {
          id: 'convo-1',
          rev: '1',
          members: params.getAll('members').map((member) => ({ did: member, handle: 'member.standin.test' })),
          muted: false,
          unreadCount: 0,
        },
      })
    case 'chat.bsky.convo.sendMessage':
      return ok({
        id: 'message-1',
        rev: '2',
        text: input().message?.text ?? '',
        sender: { did: iss },
        sentAt: INDEXED_AT,
      })
    case 'com.atproto.moderation.createReport':
      return ok({ id: 1, ...input(), reportedBy: iss, createdAt: new Date().toISOString() })
    default:
      return { status: 501, body: { error: 'MethodNotImplemented', message: `the stand-in has no ${nsid}` } }
  }
}

/** The handle a profile view names: the one asked for, or a stand-in's when asked by DID. */
function handleOf(actor: string | null): string {
  return actor && !actor.startsWith('did:') ? actor : 'someone.standin.test'
}

/** Every kind of notification the lexicon names, with the app's defaults. */
function notificationPreferences() {
  const filterable = { include: 'all', list: true, push: true }
  const plain = { list: true, push: true }
  return {
    chat: { include: 'all', push: true },
    follow: filterable,
    like: filterable,
    likeViaRepost: filterable,
    mention: filterable,
    quote: filterable,
    reply: filterable,
    repost: filterable,
    repostViaRepost: filterable,
    starterpackJoined: plain,
    subscribedPost: plain,
    unverified: plain,
    verified: plain,
  }
}
