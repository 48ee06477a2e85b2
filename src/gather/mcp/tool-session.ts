// What every MCP tool runs with (the caller's session and the HTTP response
// it answers on) and how a tool's outcome becomes an MCP result: refusals the
// agent can act on come back as readable tool errors; only bugs are logged.
import type { ServerResponse } from 'node:http'
import { ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js'
import { z } from 'zod'
import type { AccessCredentials } from '../../api/auth-verifiers.js'
import { assertOwnRpc } from '../../api/oauth-permissions.js'
import type { AppContext } from '../../context.js'
import { databaseUnreachableError, isDatabaseUnreachable } from '../../lib/unavailable.js'

export type ToolSession = {
  ctx: AppContext
  caller: AccessCredentials
  /** The HTTP response the tool's answer goes out on: rate-limit headers are set on it. */
  res: ServerResponse
}

export type ToolOutput = Record<string, unknown>

type ToolSpec<S extends z.ZodRawShape> = {
  description: string
  input: S
  /** The shape of what the tool returns (its structuredContent), declared to clients as outputSchema. */
  output?: z.ZodRawShape
  /** Tools that only read say so, so a client may run them without asking; the others spend the write budget. */
  readOnly?: boolean
  /**
   * The XRPC method the tool answers as, when it reads or sets what only the
   * account may (its inbox, its orders): an OAuth grant must name it, as the
   * method's own call would need.
   */
  rpc?: string
}

/** Registers a tool whose body returns its output, or throws to refuse. */
export function defineTool<S extends z.ZodRawShape>(
  server: McpServer,
  session: ToolSession,
  name: string,
  spec: ToolSpec<S>,
  body: (args: z.infer<z.ZodObject<S>>) => Promise<ToolOutput>,
): void {
  const annotations: ToolAnnotations = { readOnlyHint: spec.readOnly === true, openWorldHint: false }
  const { rateLimits } = session.ctx
  // A tool that writes is charged to the caller's write budget, as XRPC writes are: only when it succeeds.
  const granted = (args: z.infer<z.ZodObject<S>>) => {
    if (spec.rpc && session.caller.oauth) assertOwnRpc(session.caller.oauth.permissions, spec.rpc)
    return body(args)
  }
  const charged = spec.readOnly
    ? granted
    : (args: z.infer<z.ZodObject<S>>) =>
        rateLimits.chargeWrite(session.caller.account, session.res, () => granted(args))
  const run = async (args: z.infer<z.ZodObject<S>>): Promise<CallToolResult> => {
    try {
      return toolOutput(await charged(args))
    } catch (err) {
      return toolFailure(session, name, err)
    }
  }
  server.registerTool(
    name,
    {
      description: spec.description,
      inputSchema: strictInput(spec.input),
      outputSchema: spec.output === undefined ? undefined : z.object(spec.output),
      annotations,
    },
    // The SDK types the callback from the schema it was given; `run` has exactly that argument type.
    run as never,
  )
}

/**
 * A tool's arguments as a strict object: an argument the tool does not take
 * (a misspelt or guessed name) is refused, naming it and what the tool takes,
 * instead of being dropped while the call goes ahead without it.
 */
function strictInput<S extends z.ZodRawShape>(shape: S) {
  const takes = Object.keys(shape)
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      const accepted = takes.length === 0 ? 'no arguments' : `only ${takes.join(', ')}`
      return `Unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: this tool takes ${accepted}`
    },
  })
}

export function toolOutput(value: ToolOutput): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value }
}

/** A protocol error (bad input, not found, rate limit) reads as the XRPC answer would; anything else is a bug. */
export function toolFailure(session: ToolSession, tool: string, err: unknown): CallToolResult {
  let text: string
  if (err instanceof XRPCError && err.type === ResponseType.RateLimitExceeded) {
    // The limiter's own message says so and when to retry; the prefix is for limiters that do not.
    const message = err.errorMessage ?? 'too many requests'
    text = /rate limit/i.test(message) ? message : `Rate limit exceeded: ${message}`
  } else if (err instanceof XRPCError && err.type < 500) {
    text = `${err.error}: ${err.errorMessage ?? 'request refused'}`
  } else if (isDatabaseUnreachable(err)) {
    session.ctx.logger.warn({ err, tool }, 'mcp tool failed: database unreachable')
    text = `DatabaseUnreachable: ${databaseUnreachableError().errorMessage}`
  } else {
    session.ctx.logger.error(
      { err, tool, did: session.caller.did, tenant: session.caller.account.domain },
      'mcp tool failed',
    )
    text = 'Internal error: the tool failed unexpectedly; the failure was logged.'
  }
  return { content: [{ type: 'text', text }], isError: true }
}
