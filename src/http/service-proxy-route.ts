// XRPC methods this server does not serve, passed on to the service that
// does (src/proxy): the one the atproto-proxy header names, else the AppView,
// chat or moderation service configured for the method's namespace. A method
// served here always answers here, whatever the header; one with no service
// to go to is a JSON 501, as any method we lack. A timeline, feed, thread or
// profile the AppView answers before it has seen the caller's newest writes
// gets them added (src/proxy/read-after-write.ts).
import { pipeline } from 'node:stream'
import type { Lexicons } from '@atproto/lexicon'
import { isValidNsid } from '@atproto/syntax'
import { InvalidRequestError, MethodNotImplementedError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { Request, RequestHandler, Response } from 'express'
import { asScopeError } from '../api/oauth-permissions.js'
import { isPrivileged, isPrivilegedOnlyMethod } from '../auth/scopes.js'
import type { AppContext } from '../context.js'
import { isProtectedMethod } from '../proxy/protected-methods.js'
import { UpstreamError } from '../proxy/upstream.js'
import { sendXrpcError } from './rate-limit-middleware.js'

/** Mounted at /xrpc/, before the XRPC router: methods in `served` go on to it. */
export function unservedMethods(ctx: AppContext, served: ReadonlySet<string>): RequestHandler {
  return (req, res, next) => {
    const nsid = req.path.slice(1)
    // Not a method name at all (/xrpc/, /xrpc/a/b): nothing to pass on.
    if (!isValidNsid(nsid)) return sendXrpcError(res, new MethodNotImplementedError())
    if (served.has(nsid)) return next()
    forward(ctx, req, res, nsid).catch((err: unknown) => refuse(ctx, res, nsid, err))
  }
}

async function forward(ctx: AppContext, req: Request, res: Response, nsid: string): Promise<void> {
  const header = req.headers['atproto-proxy']
  const service = ctx.proxy.serviceFor(nsid, typeof header === 'string' ? header : undefined)
  if (!service) throw new MethodNotImplementedError()
  const method = verbOf(req, nsid, ctx.lexicons)
  // Account management is done with the account's own PDS, never through it.
  if (isProtectedMethod(nsid)) throw new InvalidRequestError('Bad token method', 'InvalidToken')
  // Before anything is looked up for the call: only our accounts' calls are passed on, signed as theirs.
  const { credentials } = await ctx.auth.access({ req, res })
  if (credentials.oauth) {
    // An OAuth grant names the services and methods it may reach (rpc:, or transition:generic / chat.bsky).
    try {
      credentials.oauth.permissions.assertRpc({ aud: `${service.did}#${service.serviceId}`, lxm: nsid })
    } catch (err) {
      throw asScopeError(err)
    }
  } else if (!isPrivileged(credentials.scope) && isPrivilegedOnlyMethod(nsid)) {
    // The direct messages are for a password login or a privileged app password only, as the official PDS has it.
    throw new InvalidRequestError('Bad token method', 'InvalidToken')
  }
  const body = method === 'POST' ? req : undefined
  const limit = ctx.config.limits.bodyBytes
  if (body && Number(req.headers['content-length']) > limit) {
    throw new XRPCError(ResponseType.PayloadTooLarge, `Request body is larger than ${limit} bytes`, 'PayloadTooLarge')
  }
  // A caller that leaves takes its call to the service with it.
  const gone = new AbortController()
  res.once('close', () => {
    if (!res.writableFinished) gone.abort()
  })
  // Passed through read-after-write: the AppView's views with the caller's newest posts and profile in them.
  const answer = await ctx.readAfterWrite.forward({
    nsid,
    service,
    account: credentials.account,
    method,
    path: req.originalUrl,
    headers: req.headers,
    body,
    signal: gone.signal,
  })
  res.status(answer.status)
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value)
  pipeline(answer.body, res, (err) => {
    if (err && !gone.signal.aborted) ctx.logger.warn({ err, nsid }, 'passing on a service answer failed midway')
  })
}

/** GET, HEAD or POST, and the one its lexicon wants when we know it (as the official PDS checks). */
function verbOf(req: Request, nsid: string, lexicons: Lexicons): 'GET' | 'HEAD' | 'POST' {
  const type = lexicons.getDef(nsid)?.type
  const expected = type === 'procedure' ? 'POST' : type === 'query' ? 'GET' : undefined
  if (expected && req.method !== expected) {
    throw new InvalidRequestError(`Incorrect HTTP method (${req.method}) expected ${expected}`)
  }
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'POST') return req.method
  throw new InvalidRequestError('XRPC requests only supports GET and POST')
}

function refuse(ctx: AppContext, res: Response, nsid: string, err: unknown): void {
  // The caller left (and its call was abandoned with it), or the answer broke off midway: nothing to tell.
  if (res.destroyed || res.headersSent) {
    res.destroy()
    return
  }
  if (err instanceof UpstreamError) {
    for (const [name, value] of Object.entries(err.headers)) res.setHeader(name, value)
  } else if (err instanceof XRPCError && err.type === ResponseType.UpstreamFailure) {
    ctx.logger.warn({ err, nsid }, 'a service could not be reached')
  } else if (!(err instanceof XRPCError)) {
    ctx.logger.error({ err, nsid }, 'passing a call on failed')
  }
  // What is left of a body refused midway would hold up the next request on the connection.
  if (err instanceof XRPCError && err.type === ResponseType.PayloadTooLarge) res.setHeader('connection', 'close')
  sendXrpcError(res, err)
}
