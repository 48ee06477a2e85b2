// The HTTP server: XRPC methods through @atproto/xrpc-server, plus the few
// plain routes (health, atproto-did by Host) a PDS answers outside /xrpc,
// and what each wing (src/wing.ts) adds.

import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import {
  createServer as createXrpcServer,
  InvalidRequestError,
  MethodNotImplementedError,
  ResponseType,
  XRPCError,
} from '@atproto/xrpc-server'
import express from 'express'
import { registerMethods } from '../api/index.js'
import { MethodServer } from '../api/method-server.js'
import type { LimitsConfig } from '../config/config.js'
import { type AppContext, startBackground } from '../context.js'
import { hostDidDoc, serviceDidDoc } from '../identity/service-did.js'
import { allLexicons } from '../lexicon/lexicons.js'
import { serviceVersion } from '../lib/package-root.js'
import { databaseUnreachableError, isDatabaseUnreachable } from '../lib/unavailable.js'
import { inBytes } from '../repo/string-lengths.js'
import type { PdsHost } from '../tenant/pds-hosts.js'
import { clientIp } from './client-ip.js'
import { answerClientError } from './http-parser-errors.js'
import { HEALTH_PATH, healthRoute, METRICS_PATH, metricsRoute } from './metrics-route.js'
import { oauthRoutes } from './oauth-routes.js'
import { sendXrpcError, serviceLimit } from './rate-limit-middleware.js'
import { fixedRoutes, observeRequests, servedMethods } from './request-log.js'
import { answerHeaders } from './response-headers.js'
import { unservedMethods } from './service-proxy-route.js'
import { drainServer, RequestGate } from './shutdown.js'
import { SUBSCRIBE_REPOS_PATH } from './streams/firehose-server.js'
import { JETSTREAM_PATH } from './streams/jetstream-server.js'
import { clientIpOf, upgradeLimit } from './upgrade-limit.js'

export type PdsServer = {
  app: express.Express
  http: http.Server
  port: number
  close(): Promise<void>
}

export function createApp(ctx: AppContext): express.Express {
  const xrpc = createXrpcServer(allLexicons(), {
    // Checking every response we build against its lexicon is a development aid that costs
    // each request CPU; the official PDS also does it only in dev mode.
    validateResponse: false,
    payload: {
      jsonLimit: ctx.config.limits.bodyBytes,
      textLimit: ctx.config.limits.bodyBytes,
      blobLimit: ctx.config.limits.blobBytes,
    },
    // A subscription asked for without an upgrade: JSON 501, not Express's HTML 404.
    catchall: (_req, _res, next) => next(new MethodNotImplementedError()),
    errorParser: (err) => {
      const parsed = toXrpcError(err, ctx.config.limits)
      if (parsed.error === 'DatabaseUnreachable') ctx.logger.warn({ err }, 'request failed: database unreachable')
      // A method we do not serve (501) is the client's question, not our failure.
      else if (parsed.type >= 500 && parsed.type !== ResponseType.MethodNotImplemented) {
        ctx.logger.error({ err }, 'request failed')
      }
      return parsed
    },
  })
  const methods = new MethodServer(xrpc, ctx)
  registerMethods(methods, ctx)
  const served = servedMethods(xrpc.routes, [SUBSCRIBE_REPOS_PATH])
  // An OAuth grant is refused the methods served here that its table does not open; the others' rpc: decides.
  ctx.auth.servesHere = (nsid) => served.has(nsid)
  // The inner app is an Express app of its own, which would put the header back on every XRPC answer.
  xrpc.router.disable('x-powered-by')

  const app = express()
  app.disable('x-powered-by')
  // A weak ETag is a SHA-1 of every JSON body: CPU on each response that XRPC clients never send back.
  app.set('etag', false)
  // A hop count is a number to Express; anything else a list of trusted addresses.
  const trust = ctx.config.trustProxy
  app.set('trust proxy', /^\d+$/.test(trust) ? Number(trust) : trust)
  // Before anything that answers: Retry-After on every 503, Connection: close after a refused body.
  app.use(answerHeaders())
  // First, so requests answered by any later middleware (429, 413) are counted and logged too.
  const routes = fixedRoutes(ctx.wings.flatMap((wing) => wing.paths))
  app.use(observeRequests(ctx.metrics, ctx.logger, served, routes))
  app.get(HEALTH_PATH, healthRoute(ctx, serviceVersion()))
  app.get(METRICS_PATH, metricsRoute(ctx))
  // Every request past this point spends its client IP's service budget: probes and scrapers above poll uncounted.
  app.use(serviceLimit(ctx.rateLimits, ctx.logger))
  // The hottest reads go straight to the XRPC router: none of the routes between here and it (well-known
  // documents, OAuth, the wings' paths and budgets, Jetstream, unserved methods) answers them.
  app.get(HOT_READS, straightTo(app, xrpc.router))
  // Every handle we hold, custom domains too (their home is in did_routing). Traefik routes only tenant
  // domains and the service host, so a user's own domain proves itself by DNS TXT or its own web server.
  app.get('/.well-known/atproto-did', async (req, res) => {
    const host = req.hostname.toLowerCase()
    let did: string | undefined
    try {
      did = await ctx.accounts.didForHandle(host)
    } catch (err) {
      // Not knowing a handle because the database is down is not "no such handle".
      if (isDatabaseUnreachable(err)) return sendXrpcError(res, databaseUnreachableError(err))
      did = undefined
    }
    if (!did) {
      res.status(404).type('text/plain').send('no user by that name')
      return
    }
    res.type('text/plain').send(did)
  })
  const serviceHost = new URL(ctx.config.serviceURL).hostname.toLowerCase()
  const didDoc = serviceDidDoc(ctx.config.serviceURL, ctx.plcRotationKey)
  app.get('/.well-known/did.json', async (req, res, next) => {
    const name = (req.hostname ?? '').toLowerCase()
    if (name === serviceHost) return res.json(didDoc)
    // A domain's own PDS host is a did:web of ours too; a tenant domain itself is not.
    let host: PdsHost
    try {
      host = await ctx.pdsHosts.forRequest(name)
    } catch (err) {
      // Express 4 does not catch a rejected handler: what is not an outage goes to its error handler.
      if (isDatabaseUnreachable(err)) return sendXrpcError(res, databaseUnreachableError(err))
      return next(err)
    }
    if (host.host === null) {
      res.status(404).type('text/plain').send('no DID document for this host')
      return
    }
    res.json(hostDidDoc(host.did, host.endpoint, ctx.plcRotationKey))
  })
  // The OAuth authorization server's routes and the protected-resource metadata.
  app.use(oauthRoutes(ctx))
  // A wing's routes, and the budgets it puts before them and before its XRPC methods.
  for (const wing of ctx.wings) app.use(wing.routes(ctx))
  // The JSON firehose as Server-Sent Events; its WebSocket form is an upgrade (routeUpgrades).
  app.get(JETSTREAM_PATH, (req, res) => ctx.jetstream.serveSse(req, res, clientIp(req)))
  app.get('/', (_req, res) => {
    res
      .type('text/plain')
      .send('This is a primal-pds AT Protocol Personal Data Server. Most API routes are under /xrpc/\n')
  })
  // A method we lack goes to the service that has it (atproto-proxy, or the configured AppView, chat,
  // moderation); with none, or a path that names no method (/xrpc/, /xrpc/a/b): JSON 501, whatever the verb.
  app.use(XRPC_PREFIX, unservedMethods(ctx, served))
  app.use(xrpc.router)
  return app
}

export async function startServer(ctx: AppContext, port = ctx.config.port, host = ctx.config.host): Promise<PdsServer> {
  const app = createApp(ctx)
  await startBackground(ctx)
  // SSE streams last as long as their subscriber: shutdown ends them itself instead of waiting on them.
  const gate = new RequestGate((req) => pathOf(req.url) === JETSTREAM_PATH)
  const server = http.createServer(clientTimeouts(ctx.config.limits), gate.wrap(app)).listen(port, host)
  routeUpgrades(server, ctx, gate, clientIpOf(app))
  server.on('clientError', answerClientError)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const actual = (server.address() as AddressInfo).port
  ctx.logger.info({ port: actual, serviceURL: ctx.config.serviceURL }, 'listening')
  let closing: Promise<void> | undefined
  return {
    app,
    http: server,
    port: actual,
    // Graceful: requests under way finish and subscribers get what they wrote (src/http/shutdown.ts).
    close: () => {
      closing ??= drainServer(ctx, server, gate)
      return closing
    },
  }
}

/** The one 'upgrade' listener: subscribeRepos (CBOR) and /subscribe (Jetstream JSON). */
function routeUpgrades(
  server: http.Server,
  ctx: AppContext,
  gate: RequestGate,
  upgradeIp: (req: http.IncomingMessage) => string,
): void {
  // xrpc-server hooks 'upgrade' for subscriptions registered with it and
  // destroys every other socket; ours are served here instead.
  server.removeAllListeners('upgrade')
  const limit = upgradeLimit(ctx.rateLimits, ctx.logger)
  // A listener of the server's, outside any request's error handling: what throws in it costs that socket, not the process.
  const guarded = (socket: Duplex, serve: () => void) => {
    try {
      serve()
    } catch (err) {
      ctx.logger.error({ err }, 'serving a WebSocket upgrade failed')
      socket.destroy()
    }
  }
  server.on('upgrade', (req, socket, head) =>
    guarded(socket, () => {
      const ip = upgradeIp(req)
      // An upgrade spends the service budget as any request does; over it, a plain 429 and no WebSocket.
      limit(ip, socket, () =>
        guarded(socket, () => {
          const path = pathOf(req.url)
          // A kept-alive socket may still ask for a stream while the server shuts down.
          if (gate.refusing) socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n')
          else if (path === SUBSCRIBE_REPOS_PATH) ctx.firehose.handleUpgrade(req, socket, head, ip)
          else if (path === JETSTREAM_PATH) ctx.jetstream.handleUpgrade(req, socket, head, ip)
          else socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
        }),
      )
    }),
  )
}

const XRPC_PREFIX = '/xrpc/'

/** Methods read most (a relay's or AppView's backfill, a client's profile and posts). */
const HOT_READS = ['/xrpc/com.atproto.repo.getRecord', '/xrpc/com.atproto.repo.listRecords']

/**
 * Hands a request for one of HOT_READS to `router` (mounted at the end of
 * `app`) as its mounting does. The path must be exactly one of them: Express
 * matches routes without regard to case or a trailing slash, and such a path
 * is not a method served here (unservedMethods passes it on or refuses it).
 */
function straightTo(app: express.Express, router: express.Express): express.RequestHandler {
  return (req, res, next) => {
    if (!HOT_READS.includes(req.path)) return next()
    router(req, res, (err?: unknown) => {
      // As Express's mounted_app: back to the outer app's request and response before going on.
      Object.setPrototypeOf(req, app.request)
      Object.setPrototypeOf(res, app.response)
      next(err)
    })
  }
}

/** A client slow to send its headers gets this long at most (less when requestTimeoutMs is shorter). */
const HEADERS_TIMEOUT_MS = 20_000

/**
 * Node's limits on a client's time: a request must arrive whole within
 * requestTimeoutMs (else 408 and the socket is closed), its headers sooner.
 */
function clientTimeouts(limits: LimitsConfig): http.ServerOptions {
  const headersTimeout = Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs)
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // Node looks for expired requests this often (30 s by default, which would let short timeouts run long).
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(headersTimeout / 4))),
  }
}

/** URL.parse, not new URL: a request target the parser let through but URL rejects must not throw. */
function pathOf(url: string | undefined): string | undefined {
  return URL.parse(url ?? '/', 'http://localhost')?.pathname
}

/** Body-parser failures become the protocol's errors instead of leaking their own names; an unreachable database is a 503. */
function toXrpcError(err: unknown, limits: LimitsConfig): XRPCError {
  // xrpc-server wraps body-parser errors; their kind is on the cause.
  const cause = err instanceof XRPCError && err.cause ? err.cause : err
  if (isDatabaseUnreachable(cause)) return databaseUnreachableError(cause)
  const type = (cause as { type?: string })?.type
  if (type === 'entity.parse.failed') return new InvalidRequestError('Request body is not valid JSON')
  if (type === 'entity.too.large') {
    // A method may set a limit of its own (putPreferences): body-parser says which one applied.
    const limit = (cause as { limit?: unknown }).limit
    const bytes = typeof limit === 'number' ? limit : limits.bodyBytes
    return new XRPCError(ResponseType.PayloadTooLarge, `Request body is larger than ${bytes} bytes`, 'PayloadTooLarge')
  }
  // Its other refusals (a charset or content encoding it lacks, a body that does not inflate) keep
  // their status, under the protocol's name rather than the library's class name ("Error").
  // http-errors marks them `expose`: errors of our own (and their causes) never are.
  const { status, expose } = (cause ?? {}) as { status?: unknown; expose?: unknown }
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500 && cause instanceof Error) {
    if (status === ResponseType.UnsupportedMediaType) {
      return new XRPCError(status, cause.message, 'UnsupportedMediaType')
    }
    return new InvalidRequestError(`Request body could not be read: ${cause.message}`)
  }
  const xrpc = XRPCError.fromError(err)
  // xrpc-server's own wording for a streamed upload over its limit, which it reads only for blobs.
  if (xrpc.type === ResponseType.PayloadTooLarge && xrpc.errorMessage === 'request entity too large') {
    return new XRPCError(xrpc.type, `Upload is larger than ${limits.blobBytes} bytes`, 'PayloadTooLarge')
  }
  // Input and params validation measure strings as the lexicon does, in UTF-8 bytes: say so.
  const message = xrpc.errorMessage && inBytes(xrpc.errorMessage)
  return message === xrpc.errorMessage ? xrpc : new XRPCError(xrpc.type, message, xrpc.customErrorName)
}
