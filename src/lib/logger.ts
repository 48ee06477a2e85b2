// Structured logs (pino). Tenant and DID travel as fields, never inside messages.
import { pino } from 'pino'

export type Logger = pino.Logger

/**
 * Errors as message, code and stack only: a pg error carries its client,
 * connection parameters and password included, which must never be logged.
 */
function serializeError(err: unknown): unknown {
  const e = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>
  if (!e || typeof e !== 'object') return e
  const { client: _client, connection: _connection, ...rest } = e
  return rest
}

/**
 * `to: 'stderr'` for commands whose stdout is their output (the CLI prints
 * JSON and YAML there); a stream of one's own to capture the lines (tests).
 */
export function createLogger(level: string, to: 'stdout' | 'stderr' | pino.DestinationStream = 'stdout'): Logger {
  return pino(
    {
      level,
      base: { service: 'primal-pds' },
      serializers: { err: serializeError },
      // Belt and braces: secrets must never reach a log line even if passed by mistake.
      redact: ['password', '*.password', 'adminKey', 'jwtSecret', 'req.headers.authorization', 'authorization'],
    },
    to === 'stderr' ? pino.destination(2) : to === 'stdout' ? undefined : to,
  )
}
