// The per-IP budget of the agent-facing XRPC surface (is.gather.*), checked
// before the XRPC router so a refused request costs no parsing or database work.

import { XRPCError } from '@atproto/xrpc-server'
import type { NextFunction, Request, Response } from 'express'
import type { RateLimits } from './rate-limits.js'

const AGENT_SURFACE = '/xrpc/is.gather.'

export function agentSurfaceLimit(rateLimits: RateLimits) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith(AGENT_SURFACE)) {
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
