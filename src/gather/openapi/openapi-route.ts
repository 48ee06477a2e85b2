// GET /openapi.json: the OpenAPI document, made once when the server starts
// (after every method is registered, so it knows which com.atproto ones are
// served) and then sent as the same bytes to everyone.
import type { RequestHandler } from 'express'
import type { AppContext } from '../../context.js'
import { schemas } from '../../lexicon/generated/lexicons.js'
import { serviceVersion } from '../../lib/package-root.js'
import { openApiDocument } from './openapi-document.js'

export const OPENAPI_PATH = '/openapi.json'

export function openApiRoute(ctx: AppContext): RequestHandler {
  const body = JSON.stringify(
    openApiDocument(schemas, {
      serviceUrl: ctx.config.serviceURL,
      version: serviceVersion(),
      serves: (nsid) => ctx.auth.servesHere(nsid),
    }),
  )
  return (_req, res) => {
    res.type('application/json').set('cache-control', 'public, max-age=300').send(body)
  }
}
