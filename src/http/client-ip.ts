// The client's IP, read once, when the request starts. Later the socket may be
// gone: a request body pipeline that fails (a blob over its limit) sets
// req.socket to null, and Express's req.ip then throws. The request log, the
// rate limits and the streams all ask here instead of reading req.ip.
import type { IncomingMessage } from 'node:http'

const CLIENT_IP = Symbol('primal-pds.clientIp')
type WithClientIp = IncomingMessage & { [CLIENT_IP]?: string; ip?: string }

/**
 * The client IP as Express's req.ip gives it (trust proxy applied), kept on
 * the request at its first read: the request log reads it first of all.
 * 'unknown' when the socket was already gone.
 */
export function clientIp(req: IncomingMessage): string {
  const r = req as WithClientIp
  r[CLIENT_IP] ??= readClientIp(r)
  return r[CLIENT_IP]
}

function readClientIp(req: WithClientIp): string {
  try {
    return req.ip ?? req.socket?.remoteAddress ?? 'unknown'
  } catch {
    // Express reads the socket's address, and throws once a failed body pipeline has taken the socket away.
    return 'unknown'
  }
}
