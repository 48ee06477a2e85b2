// The agent app's HTTP surface beside its XRPC methods: GET /discover, GET /openapi.json and the
// MCP endpoint, behind the agent budget, one per-IP budget whichever door a
// request uses (is.gather.* XRPC and /discover here, /mcp on its own route).
import express, { type RequestHandler } from 'express'
import type { AppContext } from '../../context.js'
import { ipLimit, sendXrpcError } from '../../http/rate-limit-middleware.js'
import { databaseUnreachableError, isDatabaseUnreachable } from '../../lib/unavailable.js'
import type { RateLimits } from '../../ratelimit/rate-limits.js'
import { mcpRoutes } from '../mcp/mcp-server.js'
import { OPENAPI_PATH, openApiRoute } from '../openapi/openapi-route.js'
import { discoverDocument } from './discover.js'

export const DISCOVER_PATH = '/discover'
const AGENT_XRPC = '/xrpc/is.gather.'

/** Mounted after the service's per-IP budget, so a request spends that first, then the agent budget. */
export function gatherRoutes(ctx: AppContext): express.Router {
  const router = express.Router()
  router.use(agentSurfaceLimit(ctx.rateLimits))
  router.get(DISCOVER_PATH, async (req, res) => {
    try {
      res.json(await discoverDocument(ctx, req.hostname))
    } catch (err) {
      if (isDatabaseUnreachable(err)) return sendXrpcError(res, databaseUnreachableError(err))
      ctx.logger.error({ err }, 'discover failed')
      res.status(500).json({ error: 'InternalServerError', message: 'Internal Server Error' })
    }
  })
  router.get(OPENAPI_PATH, openApiRoute(ctx))
  router.use(mcpRoutes(ctx))
  return router
}

/** The agent budget for is.gather.* XRPC and /discover; a failure to count is answered as XRPC answers it. */
function agentSurfaceLimit(rateLimits: RateLimits): RequestHandler {
  const limit = ipLimit(rateLimits, 'agent')
  return (req, res, next) => {
    if (!req.path.startsWith(AGENT_XRPC) && req.path !== DISCOVER_PATH) {
      next()
      return
    }
    limit(req, res, (err?: unknown) => (err ? sendXrpcError(res, err) : next()))
  }
}
