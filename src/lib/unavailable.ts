// When the database cannot be reached (stopped, restarting, refusing
// connections), requests are answered 503 DatabaseUnreachable with a
// Retry-After, not 500: the client and a load balancer should come back
// shortly, and nothing about the request was wrong.
import { ResponseType, XRPCError } from '@atproto/xrpc-server'

/** What every 503 tells the client to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5

/** Errors of a socket that could not reach its peer or lost it. */
const SOCKET_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
/** Postgres's own: admin_shutdown, crash_shutdown, cannot_connect_now (class 08, connection exceptions, by prefix). */
const SERVER_ERROR_CODES = new Set(['57P01', '57P02', '57P03'])
/** pg's own errors for a connection lost or never made; they carry no code. */
const CONNECTION_ERROR_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/

/**
 * Whether `err` says the database cannot be reached, as opposed to a query
 * that failed. Only the error itself is read, not its causes: an outgoing
 * fetch (to PLC, a relay) fails with a socket error as its cause, and that is
 * not the database.
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false
  const { code, syscall } = err as { code?: unknown; syscall?: unknown }
  if (typeof code === 'string') {
    if (SERVER_ERROR_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true
    // A socket's own error (it names its syscall): not a client's aborted request, which shares the code.
    if (SOCKET_ERROR_CODES.has(code) && typeof syscall === 'string') return true
  }
  return err instanceof Error && CONNECTION_ERROR_MESSAGES.test(err.message)
}

export function databaseUnreachableError(cause?: unknown): XRPCError {
  return new XRPCError(
    ResponseType.NotEnoughResources,
    `The database cannot be reached right now; try again in ${RETRY_AFTER_SECONDS} seconds`,
    'DatabaseUnreachable',
    { cause },
  )
}

/** `err` as the protocol error it is answered with: an unreachable database is a 503, anything else as XRPC reads it. */
export function xrpcErrorOf(err: unknown): XRPCError {
  return isDatabaseUnreachable(err) ? databaseUnreachableError(err) : XRPCError.fromError(err)
}

/** An account being moved to another domain: its writes and new sessions wait a moment (503, retryable). */
export function accountMovingError(): XRPCError {
  return new XRPCError(
    ResponseType.NotEnoughResources,
    `This account is being moved to another domain; try again in ${RETRY_AFTER_SECONDS} seconds`,
    'AccountMoving',
  )
}

/** Whether `err` is accountMovingError's. */
export function isAccountMoving(err: unknown): boolean {
  return err instanceof XRPCError && err.customErrorName === 'AccountMoving'
}
