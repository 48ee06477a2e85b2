// The per-IP budget of the agent-facing surface (is.gather.* XRPC and
// /discover), checked before the routes so a refused request costs no
// parsing or database work. /mcp counts against the same budget on its own.

import { XRPCError } from '@atproto/xrpc-server'
import type { NextFunction, Request, Response } from 'express'
import type { RateLimits } from './rate-limits.js'

const AGENT_XRPC = '/xrpc/is.gather.'
const DISCOVER = '/discover'

export function agentSurfaceLimit(rateLimits: RateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(AGENT_XRPC) && req.path !== DISCOVER) {
      next()
      return
    }
    rateLimits.consumeIp('agent', req.ip, res).then(
      () => next(),
      (err: unknown) => sendXrpcError(res, err),
    )
  }
}

/** Answers with an XRPC error body, as the XRPC router would. */
export function sendXrpcError(res: Response, err: unknown): void {
  const xrpc = XRPCError.fromError(err)
  const { error, message } = xrpc.payload
  res.status(xrpc.type).json({ error, message })
}
