// The HTTP server: XRPC methods through @atproto/xrpc-server, plus the few
// plain routes (health, atproto-did by Host) a PDS answers outside /xrpc.

import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createXrpcServer, InvalidRequestError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import express from 'express'
import { discoverDocument } from './agent/discover.js'
import { registerMethods } from './api/index.js'
import { allLexicons } from './api/lexicons.js'
import { type AppContext, startBackground } from './context.js'
import { serviceDidDoc } from './identity/service-did.js'
import { mcpRoutes } from './mcp/mcp-server.js'
import { serviceVersion } from './package-root.js'
import { agentSurfaceLimit } from './ratelimit/middleware.js'
import { SUBSCRIBE_REPOS_PATH } from './sync/firehose-server.js'
import { JETSTREAM_PATH } from './sync/jetstream-server.js'

export type PdsServer = {
  app: express.Express
  http: http.Server
  port: number
  close(): Promise<void>
}

export function createApp(ctx: AppContext): express.Express {
  const xrpc = createXrpcServer(allLexicons(), {
    payload: {
      jsonLimit: ctx.config.limits.bodyBytes,
      textLimit: ctx.config.limits.bodyBytes,
      blobLimit: ctx.config.limits.blobBytes,
    },
    errorParser: (err) => {
      const parsed = toXrpcError(err, ctx.config.limits.bodyBytes)
      if (parsed.type >= 500) ctx.logger.error({ err }, 'request failed')
      return parsed
    },
  })
  registerMethods(xrpc, ctx)

  const app = express()
  app.disable('x-powered-by')
  // A hop count is a number to Express; anything else a list of trusted addresses.
  const trust = ctx.config.trustProxy
  app.set('trust proxy', /^\d+$/.test(trust) ? Number(trust) : trust)
  app.get('/xrpc/_health', (_req, res) => {
    res.json({ version: serviceVersion() })
  })
  app.get('/.well-known/atproto-did', async (req, res) => {
    const host = req.hostname.toLowerCase()
    const route = await ctx.directory.findRoute('handle', host).catch(() => undefined)
    if (!route) {
      res.status(404).type('text/plain').send('no user by that name')
      return
    }
    res.type('text/plain').send(route.did)
  })
  const serviceHost = new URL(ctx.config.serviceURL).hostname.toLowerCase()
  const didDoc = serviceDidDoc(ctx.config.serviceURL, ctx.plcRotationKey)
  app.get('/.well-known/did.json', (req, res) => {
    // The service is did:web of its own host only; a tenant domain is not a did:web of ours.
    if (req.hostname.toLowerCase() !== serviceHost) {
      res.status(404).type('text/plain').send('no DID document for this host')
      return
    }
    res.json(didDoc)
  })
  app.use(agentSurfaceLimit(ctx.rateLimits))
  app.get('/discover', async (req, res) => {
    try {
      res.json(await discoverDocument(ctx, req.hostname))
    } catch (err) {
      ctx.logger.error({ err }, 'discover failed')
      res.status(500).json({ error: 'InternalServerError', message: 'Internal Server Error' })
    }
  })
  // The JSON firehose as Server-Sent Events; its WebSocket form is an upgrade (routeUpgrades).
  app.get(JETSTREAM_PATH, (req, res) => ctx.jetstream.serveSse(req, res))
  app.get('/', (_req, res) => {
    res
      .type('text/plain')
      .send('This is a primal-pds AT Protocol Personal Data Server. Most API routes are under /xrpc/\n')
  })
  app.use(mcpRoutes(ctx))
  app.use(xrpc.router)
  return app
}

export async function startServer(ctx: AppContext, port = ctx.config.port, host = ctx.config.host): Promise<PdsServer> {
  const app = createApp(ctx)
  await startBackground(ctx)
  const server = app.listen(port, host)
  routeUpgrades(server, ctx)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const actual = (server.address() as AddressInfo).port
  ctx.logger.info({ port: actual, serviceURL: ctx.config.serviceURL }, 'listening')
  return {
    app,
    http: server,
    port: actual,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // WebSocket subscribers hold upgraded sockets the HTTP server would wait on forever.
        ctx.firehose.close()
        ctx.jetstream.close()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** The one 'upgrade' listener: subscribeRepos (CBOR) and /subscribe (Jetstream JSON). */
function routeUpgrades(server: http.Server, ctx: AppContext): void {
  // xrpc-server hooks 'upgrade' for subscriptions registered with it and
  // destroys every other socket; ours are served here instead.
  server.removeAllListeners('upgrade')
  server.on('upgrade', (req, socket, head) => {
    // URL.parse, not new URL: a request target the parser let through but URL rejects must not throw here.
    const path = URL.parse(req.url ?? '/', 'http://localhost')?.pathname
    if (path === SUBSCRIBE_REPOS_PATH) ctx.firehose.handleUpgrade(req, socket, head)
    else if (path === JETSTREAM_PATH) ctx.jetstream.handleUpgrade(req, socket, head)
    else socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
  })
}

/** Body-parser failures become the protocol's errors instead of leaking their own names. */
function toXrpcError(err: unknown, bodyLimit: number): XRPCError {
  // xrpc-server wraps body-parser errors; their kind is on the cause.
  const cause = err instanceof XRPCError && err.cause ? err.cause : err
  const type = (cause as { type?: string })?.type
  if (type === 'entity.parse.failed') return new InvalidRequestError('Request body is not valid JSON')
  if (type === 'entity.too.large') {
    return new XRPCError(
      ResponseType.PayloadTooLarge,
      `Request body is larger than ${bodyLimit} bytes`,
      'PayloadTooLarge',
    )
  }
  return XRPCError.fromError(err)
}
