// Structured logs (pino). Tenant and DID travel as fields, never inside messages.
import { pino } from 'pino'

export type Logger = pino.Logger

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'primal-pds' },
    // Belt and braces: secrets must never reach a log line even if passed by mistake.
    redact: ['password', '*.password', 'adminKey', 'jwtSecret', 'req.headers.authorization', 'authorization'],
  })
}
