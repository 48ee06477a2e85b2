// WebSocket upgrades never reach Express: they are counted here against the
// service's per-IP budget, by the client IP Express would have given them
// (the app's own trust proxy setting), and a spent budget is answered with a
// plain HTTP 429 instead of a WebSocket.
import { type IncomingMessage, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Express } from 'express'
import type { Logger } from '../lib/logger.js'
import { isDatabaseUnreachable, RETRY_AFTER_SECONDS, xrpcErrorOf } from '../lib/unavailable.js'
import { type LimitStatus, RateLimitExceededError, type RateLimits, setHeaders } from '../ratelimit/rate-limits.js'

type TrustProxy = (addr: string, hop: number) => boolean

/**
 * The client IP of a request Express never saw, as req.ip would be: from the
 * socket outwards through X-Forwarded-For, the first address not trusted as a proxy.
 */
export function clientIpOf(app: Express): (req: IncomingMessage) => string {
  const trust = app.get('trust proxy fn') as TrustProxy
  return (req) => {
    const header = req.headers['x-forwarded-for']
    const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .reverse()
    const hops = [req.socket?.remoteAddress ?? 'unknown', ...forwarded]
    let i = 0
    while (i < hops.length - 1 && trust(hops[i] as string, i)) i++
    return hops[i] as string
  }
}

/** Lets an upgrade from `ip` through (`admitted`) or answers it itself. */
export type UpgradeLimit = (ip: string, socket: Duplex, admitted: () => void) => void

/** The service's per-IP budget for upgrades; off (0 points), a pass-through that counts nothing. */
export function upgradeLimit(rateLimits: RateLimits, logger: Logger): UpgradeLimit {
  if (!rateLimits.ipLimited('service')) return (_ip, _socket, admitted) => admitted()
  return (ip, socket, admitted) => {
    // Node took its own error listener off the upgraded socket; a reset while we count must not go unheard.
    socket.on('error', () => socket.destroy())
    rateLimits
      .consumeIp('service', ip)
      .then(
        () => {
          if (!socket.destroyed) admitted()
        },
        (err: unknown) => {
          if (isDatabaseUnreachable(err)) logger.warn({ err }, 'counting an upgrade against the per-IP budget failed')
          else if (!(err instanceof RateLimitExceededError)) {
            logger.error({ err }, 'counting an upgrade against the per-IP budget failed')
          }
          refuse(socket, err)
        },
      )
      // Nothing awaits this chain: a throw in it costs the socket, never the process (an unhandled rejection).
      .catch(() => socket.destroy())
  }
}

/** Answers an upgrade with the XRPC error `err` as plain HTTP (with RateLimit-* headers for a spent budget), then closes. */
export function refuse(socket: Duplex, err: unknown): void {
  const xrpc = xrpcErrorOf(err)
  const body = JSON.stringify({ error: xrpc.payload.error, message: xrpc.payload.message })
  const headers = new Map<string, string>([
    ['Content-Type', 'application/json'],
    ['Content-Length', String(Buffer.byteLength(body))],
    ['Connection', 'close'],
  ])
  if (err instanceof RateLimitExceededError) rateLimitHeaders(headers, err.status)
  if (xrpc.type === 503) headers.set('Retry-After', String(RETRY_AFTER_SECONDS))
  const lines = [...headers].map(([name, value]) => `${name}: ${value}\r\n`).join('')
  socket.end(`HTTP/1.1 ${xrpc.type} ${STATUS_CODES[xrpc.type]}\r\n${lines}\r\n${body}`)
}

function rateLimitHeaders(into: Map<string, string>, status: LimitStatus): void {
  const target = {
    getHeader: (name: string) => into.get(name),
    setHeader: (name: string, value: string | number) => into.set(name, String(value)),
  }
  setHeaders(target, status)
}
