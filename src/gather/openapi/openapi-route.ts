// GET /openapi.json: the OpenAPI document, made when it is first asked for
// (every method is registered by then, so it knows which com.atproto ones
// are served) and then sent as the same bytes to everyone. Made on demand, as
// the generated lexicon module it reads is not otherwise loaded: a server no
// one asks for it keeps neither in memory.
import type { RequestHandler } from 'express'
import type { AppContext } from '../../context.js'
import { serviceVersion } from '../../lib/package-root.js'
import { openApiDocument } from './openapi-document.js'

export const OPENAPI_PATH = '/openapi.json'

export function openApiRoute(ctx: AppContext): RequestHandler {
  let body: Promise<string> | undefined
  const made = async () => {
    const { schemas } = await import('../../lexicon/generated/lexicons.js')
    return JSON.stringify(
      openApiDocument(schemas, {
        serviceUrl: ctx.config.serviceURL,
        version: serviceVersion(),
        serves: (nsid) => ctx.auth.servesHere(nsid),
      }),
    )
  }
  return (_req, res, next) => {
    // A failure (the module could not be loaded) is not kept: the next request tries again.
    body ??= made().catch((err: unknown) => {
      body = undefined
      throw err
    })
    body.then((bytes) => {
      res.type('application/json').set('cache-control', 'public, max-age=300').send(bytes)
    }, next)
  }
}
