// One sample and one log line per request, when it ends: its XRPC method (or
// fixed route name) and status feed the request series, and a structured
// line says who (the authenticated DID) and which tenant it concerned. Only
// the path's method name is read: headers, bodies and query strings carry
// tokens and passwords, and never reach a log line from here.
import type { RequestHandler } from 'express'
import type { Logger } from '../lib/logger.js'
import { subjectOf } from '../lib/request-subject.js'
import type { Metrics } from '../metrics/metrics.js'
import { clientIp } from './client-ip.js'

/** The core's routes outside /xrpc/<nsid>, labelled by their own name (wings add theirs); any other path is `other`. */
const FIXED_ROUTES = [
  '/',
  '/xrpc/_health',
  '/subscribe',
  '/.well-known/atproto-did',
  '/.well-known/did.json',
  '/metrics',
]
const XRPC_PREFIX = '/xrpc/'

/** The routes outside /xrpc/<nsid> labelled by their own name: the core's and `more` (the wings'). */
export function fixedRoutes(more: string[]): Set<string> {
  return new Set([...FIXED_ROUTES, ...more])
}

/**
 * A label of bounded cardinality for a path: a served XRPC method's NSID,
 * `unknown` for any other /xrpc/ name (anyone can make those up), a fixed
 * route's own path, else `other`.
 */
export function requestLabel(
  path: string,
  methods: ReadonlySet<string>,
  routes: ReadonlySet<string>,
): { label: string; xrpc: boolean } {
  if (routes.has(path)) return { label: path, xrpc: false }
  if (path.startsWith(XRPC_PREFIX)) {
    const nsid = path.slice(XRPC_PREFIX.length)
    return { label: methods.has(nsid) ? nsid : 'unknown', xrpc: true }
  }
  return { label: 'other', xrpc: false }
}

/** The NSIDs an XRPC router serves (one route each), plus `upgrades`: XRPC paths served as WebSocket upgrades. */
export function servedMethods(routes: { stack: { route?: { path: string } }[] }, upgrades: string[]): Set<string> {
  const paths = [...routes.stack.map((layer) => layer.route?.path), ...upgrades]
  const nsids = new Set<string>()
  for (const path of paths) if (path?.startsWith(XRPC_PREFIX)) nsids.add(path.slice(XRPC_PREFIX.length))
  return nsids
}

/**
 * Express middleware, mounted first so requests answered by middleware
 * (429 rate limits, 413 bodies) count too. `methods` are the NSIDs served,
 * `routes` the fixedRoutes.
 */
export function observeRequests(
  metrics: Metrics,
  logger: Logger,
  methods: ReadonlySet<string>,
  routes: ReadonlySet<string>,
): RequestHandler {
  return (req, res, next) => {
    const start = performance.now()
    // Read now: routers mounted on a path rewrite req.url while they run, and
    // a failed body pipeline takes the socket (and with it req.ip) away.
    const { label, xrpc } = requestLabel(req.path, methods, routes)
    const ip = clientIp(req)
    // 'close' comes after the answer is sent, or when the client gave up first.
    res.once('close', () => {
      // Outside any request's error handling: a throw here would end the process.
      try {
        const seconds = (performance.now() - start) / 1000
        // A client that left before any answer was sent: 499, as nginx logs it.
        const status = res.headersSent ? res.statusCode : 499
        metrics.request(label, status, seconds)
        if (!logger.isLevelEnabled('info')) return
        const subject = subjectOf(req)
        logger.info(
          {
            method: req.method,
            [xrpc ? 'nsid' : 'route']: label,
            status,
            ms: Math.round(seconds * 10_000) / 10,
            ip,
            did: subject?.did,
            tenant: subject?.tenant,
          },
          'request',
        )
      } catch (err) {
        logQuietly(logger, err)
      }
    })
    next()
  }
}

/** Logs a failure of the request log itself; if even that throws, there is nowhere left to say it. */
function logQuietly(logger: Logger, err: unknown): void {
  try {
    logger.error({ err }, 'logging a request failed')
  } catch {}
}
