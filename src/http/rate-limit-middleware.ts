// Per-IP budgets as express middleware, checked before the routes so a
// refused request costs no parsing or database work: the service's budget
// for every request here, and whatever budget a wing puts before its routes.
import { XRPCError } from '@atproto/xrpc-server'
import type { RequestHandler, Response } from 'express'
import type { Logger } from '../lib/logger.js'
import { isDatabaseUnreachable, xrpcErrorOf } from '../lib/unavailable.js'
import type { IpBucket, RateLimits } from '../ratelimit/rate-limits.js'
import { clientIp } from './client-ip.js'

/**
 * Counts the request against `bucket` for its client IP: over budget, a 429
 * XRPC error with the RateLimit-* headers; any other failure goes to `next`.
 */
export function ipLimit(rateLimits: RateLimits, bucket: IpBucket): RequestHandler {
  if (!rateLimits.ipLimited(bucket)) return (_req, _res, next) => next()
  return (req, res, next) => {
    rateLimits
      .consumeIp(bucket, clientIp(req), res)
      .then(
        () => next(),
        (err: unknown) => {
          if (err instanceof XRPCError && err.statusCode < 500) sendXrpcError(res, err)
          else next(err)
        },
      )
      // Nothing awaits this chain: what its callbacks throw must reach Express, not become an unhandled rejection.
      .catch(next)
  }
}

/**
 * The service's budget for every request that reaches it: mounted after the
 * health check and /metrics, which probes and scrapers poll. A failure to
 * count is logged and answered as XRPC answers it.
 */
export function serviceLimit(rateLimits: RateLimits, logger: Logger): RequestHandler {
  const limit = ipLimit(rateLimits, 'service')
  return (req, res, next) => {
    limit(req, res, (err?: unknown) => {
      if (!err) return next()
      if (isDatabaseUnreachable(err)) logger.warn({ err }, 'counting a request against the per-IP budget failed')
      else logger.error({ err }, 'counting a request against the per-IP budget failed')
      sendXrpcError(res, err)
    })
  }
}

/** Answers with an XRPC error body, as the XRPC router would. */
export function sendXrpcError(res: Response, err: unknown): void {
  const xrpc = xrpcErrorOf(err)
  const { error, message } = xrpc.payload
  res.status(xrpc.type).json({ error, message })
}
