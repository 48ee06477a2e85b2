// The OAuth routes: the protected-resource metadata (RFC 9728) that tells
// apps and MCP clients where to sign in, and everything of the authorization
// server (its metadata, PAR, the authorize pages, token, revoke, the account
// page) served by the provider's own middleware.

import {
  HandleUnavailableError,
  InvalidRequestError,
  SecondAuthenticationFactorRequiredError,
  UseDpopNonceError,
} from '@atproto/oauth-provider/errors'
import { oauthMiddleware } from '@atproto/oauth-provider/middleware'
import { buildProtectedResourceMetadata } from '@atproto/oauth-provider/utils'
import express from 'express'
import type { AppContext } from '../context.js'

export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource'

export function oauthRoutes(ctx: AppContext): express.Router {
  const router = express.Router()
  const origin = new URL(ctx.config.serviceURL).origin
  const metadata = buildProtectedResourceMetadata({
    resource: origin,
    authorization_servers: [origin],
    bearer_methods_supported: ['header'],
    scopes_supported: [],
    resource_documentation: 'https://atproto.com',
  })
  // RFC 9728: the document for a resource with a path sits under the well-known path plus that path (/mcp).
  router.get([PROTECTED_RESOURCE_PATH, `${PROTECTED_RESOURCE_PATH}/mcp`], (_req, res) => {
    res.set('Access-Control-Allow-Origin', '*')
    res.json(metadata)
  })
  const options = {
    onError: (_req: unknown, _res: unknown, err: unknown, message: string) => {
      if (!expected(err)) ctx.logger.error({ err }, message)
    },
  }
  // The authorize page of a user of one of our domains carries that domain's name beside the service's.
  const brandedPages = new Map<string, express.RequestHandler>()
  router.get('/oauth/authorize', (req, res, next) => {
    ctx.oauth.domainOfRequest(req.query).then(
      (domain) => {
        if (!domain) return next()
        let pages = brandedPages.get(domain)
        if (!pages) {
          pages = oauthMiddleware(ctx.oauth.brandedFor(domain), options)
          brandedPages.set(domain, pages)
        }
        pages(req, res, next)
      },
      (err: unknown) => {
        // Not knowing the domain costs only its name on the page: the service's pages serve the request.
        ctx.logger.warn({ err }, 'finding the domain of an authorization request failed')
        next()
      },
    )
  })
  router.use(oauthMiddleware(ctx.oauth.provider, options))
  return router
}

/** Refusals the provider answers as part of its protocol (a wrong password, a DPoP nonce to retry with): no log. */
function expected(err: unknown): boolean {
  return (
    err instanceof InvalidRequestError ||
    err instanceof UseDpopNonceError ||
    err instanceof HandleUnavailableError ||
    err instanceof SecondAuthenticationFactorRequiredError
  )
}
