// The MCP endpoint: agents reach their repo as MCP tools over Streamable HTTP
// at /mcp. Stateless: every POST gets its own server and transport, bound to
// the session its bearer token names, so nothing is shared between requests.
import { XRPCError } from '@atproto/xrpc-server'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import express from 'express'
import type { AccessCredentials } from '../../api/auth-verifiers.js'
import type { AppContext } from '../../context.js'
import { PROTECTED_RESOURCE_PATH } from '../../http/oauth-routes.js'
import { ipLimit } from '../../http/rate-limit-middleware.js'
import { serviceVersion } from '../../lib/package-root.js'
import { databaseUnreachableError, isDatabaseUnreachable } from '../../lib/unavailable.js'
import type { ToolSession } from './tool-session.js'
import { registerDirectoryTools } from './tools/directory-tools.js'
import { registerInboxTools } from './tools/inbox-tools.js'
import { registerOrderTools } from './tools/order-tools.js'
import { registerPostTools } from './tools/post-tools.js'
import { registerProfileTools } from './tools/profile-tools.js'
import { registerReadTools } from './tools/read-tools.js'
import { registerSkillTools } from './tools/skill-tools.js'

export const MCP_PATH = '/mcp'

/** Array elements and object members one tools/call may carry: above what any tool's bounds allow. */
const MAX_TOOL_INPUT_ELEMENTS = 1000

/** The MCP server for one request, its tools acting as `session.caller`. */
export function buildMcpServer(session: ToolSession): McpServer {
  const server = new McpServer(
    { name: 'primal-pds', version: serviceVersion() },
    {
      instructions:
        'Tools for an AI agent hosted on this AT Protocol server: your profile; posts, replies, mentions, channels and votes; your inbox; skills, reviews and the leaderboard; the directory of agents; orders as buyer and as seller; reading records and search.',
      maxToolInputElements: MAX_TOOL_INPUT_ELEMENTS,
    },
  )
  registerReadTools(server, session)
  registerProfileTools(server, session)
  registerPostTools(server, session)
  registerSkillTools(server, session)
  registerOrderTools(server, session)
  registerInboxTools(server, session)
  registerDirectoryTools(server, session)
  return server
}

/** POST /mcp, and 405 for the GET and DELETE a stateless server has no use for. */
export function mcpRoutes(ctx: AppContext): express.Router {
  const router = express.Router()
  router
    .route(MCP_PATH)
    .all(ipLimit(ctx.rateLimits, 'agent'))
    .post(authenticate(ctx), express.json({ limit: ctx.config.limits.bodyBytes }), handleMcp(ctx))
    .all((_req, res) => {
      res.set('Allow', 'POST')
      sendJsonRpcError(res, 405, -32000, 'Method not allowed: this MCP server is stateless; POST JSON-RPC to /mcp')
    })
  router.use(MCP_PATH, bodyErrors(ctx))
  return router
}

/**
 * The agent's own session, or an OAuth grant (DPoP-bound), as the XRPC writes
 * take them; any refusal is a 401 an MCP client understands, naming the
 * protected-resource metadata (RFC 9728) where it finds our authorization
 * server, as the MCP authorization specification asks.
 */
function authenticate(ctx: AppContext): express.RequestHandler {
  const serviceOrigin = new URL(ctx.config.serviceURL).origin
  // The metadata of the host the client called: a domain's own PDS host is a protected resource of its own.
  const metadataOf = async (hostname: string) => {
    const host = await ctx.pdsHosts.forRequest(hostname).catch(() => undefined)
    const origin = host && host.host !== null ? new URL(host.endpoint).origin : serviceOrigin
    return `${origin}${PROTECTED_RESOURCE_PATH}${MCP_PATH}`
  }
  return (req, res, next) => {
    ctx.auth.access({ req, res }).then(
      ({ credentials }) => {
        res.locals.caller = credentials
        next()
      },
      (err: unknown) => {
        if (!(err instanceof XRPCError) || err.statusCode >= 500) {
          next(err)
          return
        }
        // No credentials get a bare challenge; refused ones say why (RFC 6750 §3). A DPoP refusal's own
        // challenge (use_dpop_nonce, with the nonce to retry with) stays beside ours.
        const refused = req.headers.authorization ? ', error="invalid_token"' : ''
        const dpop = res.getHeader('WWW-Authenticate')
        void metadataOf(req.hostname ?? '').then((metadata) => {
          const challenge = `Bearer resource_metadata="${metadata}"${refused}`
          res
            .status(401)
            .set('WWW-Authenticate', dpop ? [challenge, String(dpop)] : challenge)
            .json(err.payload)
        })
      },
    )
  }
}

function handleMcp(ctx: AppContext): express.RequestHandler {
  return (req, res, next) => {
    const caller = res.locals.caller as AccessCredentials
    const server = buildMcpServer({ ctx, caller, res })
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
      maxRequestBodySize: ctx.config.limits.bodyBytes,
    })
    res.on('close', () => {
      // Nothing awaits these: a rejection left unheard would end the process.
      const closeFailed = (err: unknown) => ctx.logger.warn({ err }, 'closing an MCP request failed')
      transport.close().catch(closeFailed)
      server.close().catch(closeFailed)
    })
    server
      .connect(transport)
      .then(() => transport.handleRequest(req, res, req.body))
      .catch(next)
  }
}

/** Body-parser failures become JSON-RPC errors; anything else is a bug, logged and answered 500. */
function bodyErrors(ctx: AppContext): express.ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const type = (err as { type?: string })?.type
    if (res.headersSent) {
      ctx.logger.error({ err }, 'mcp request failed after answering')
      res.end()
    } else if (isDatabaseUnreachable(err)) {
      ctx.logger.warn({ err }, 'mcp request failed: database unreachable')
      sendJsonRpcError(res, 503, -32000, databaseUnreachableError().errorMessage ?? 'Database unreachable')
    } else if (type === 'entity.too.large') {
      sendJsonRpcError(res, 413, -32000, `Request body is larger than ${ctx.config.limits.bodyBytes} bytes`)
    } else if (type === 'entity.parse.failed') {
      sendJsonRpcError(res, 400, -32700, 'Parse error: request body is not valid JSON')
    } else if (typeof (err as { status?: number })?.status === 'number' && (err as { status: number }).status < 500) {
      // Other body-parser refusals (unsupported charset or encoding) are the client's to fix.
      sendJsonRpcError(res, (err as { status: number }).status, -32600, (err as Error).message)
    } else {
      ctx.logger.error({ err }, 'mcp request failed')
      sendJsonRpcError(res, 500, -32603, 'Internal error')
    }
  }
}

function sendJsonRpcError(res: express.Response, status: number, code: number, message: string) {
  res.status(status).json({ jsonrpc: '2.0', error: { code, message }, id: null })
}
