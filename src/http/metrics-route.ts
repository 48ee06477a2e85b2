// GET /metrics (Prometheus text, admin key unless metrics.public) and
// GET /xrpc/_health (version, and whether the management database answers).
import type { RequestHandler } from 'express'
import type { AppContext } from '../context.js'
import { sendXrpcError } from './rate-limit-middleware.js'

/** A health check answers within this, whatever the database does. */
const HEALTH_PROBE_TIMEOUT_MS = 2000

export const METRICS_PATH = '/metrics'
export const HEALTH_PATH = '/xrpc/_health'

/** The exposition, to the admin key (Bearer or Basic admin:<key>, as host.primal.pds.*), or to anyone when public. */
export function metricsRoute(ctx: AppContext): RequestHandler {
  return async (req, res) => {
    try {
      if (!ctx.config.metrics.public) await ctx.auth.admin({ req })
    } catch (err) {
      sendXrpcError(res, err)
      return
    }
    try {
      const body = await ctx.metrics.render()
      // As bytes: Express would rewrite a string's content type (moving its charset).
      res.set('Content-Type', ctx.metrics.contentType).send(Buffer.from(body))
    } catch (err) {
      ctx.logger.error({ err }, 'rendering metrics failed')
      res.status(500).json({ error: 'InternalServerError', message: 'Internal Server Error' })
    }
  }
}

/**
 * 200 `{version, db: 'ok'}` when the management database answers `select 1`
 * in time, else 503 DatabaseUnreachable. One probe at a time: checks that
 * arrive while one is pending share it, so a hung database does not pile up
 * a stuck query per check.
 */
export function healthRoute(ctx: AppContext, version: string): RequestHandler {
  let pending: Promise<unknown> | undefined
  const probe = () => {
    pending ??= ctx.storage.ping().finally(() => {
      pending = undefined
    })
    return pending
  }
  return async (_req, res) => {
    try {
      await withTimeout(probe(), HEALTH_PROBE_TIMEOUT_MS)
      res.json({ version, db: 'ok' })
    } catch (err) {
      ctx.logger.warn({ err }, 'health check: the management database did not answer')
      // The driver's message may name hosts and ports: the log has it, the public answer does not.
      res.status(503).json({
        version,
        error: 'DatabaseUnreachable',
        message:
          err instanceof ProbeTimeout
            ? `The management database did not answer within ${HEALTH_PROBE_TIMEOUT_MS} ms`
            : 'The management database cannot be reached',
      })
    }
  }
}

class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}
