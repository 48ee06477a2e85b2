// The OAuth routes: the protected-resource metadata (RFC 9728) of each PDS
// host, which tells apps and MCP clients where to sign in, the issuer's
// metadata listing every host it protects, and the rest of the authorization
// server (PAR, the authorize pages, token, revoke, the account page) served
// by the provider's own middleware.

import {
  HandleUnavailableError,
  InvalidRequestError,
  SecondAuthenticationFactorRequiredError,
  UseDpopNonceError,
} from '@atproto/oauth-provider/errors'
import { oauthMiddleware } from '@atproto/oauth-provider/middleware'
import express from 'express'
import type { AppContext } from '../context.js'
import type { PdsHost } from '../tenant/pds-hosts.js'

export const PROTECTED_RESOURCE_PATH = '/.well-known/oauth-protected-resource'

export const AUTHORIZATION_SERVER_PATH = '/.well-known/oauth-authorization-server'

export function oauthRoutes(ctx: AppContext): express.Router {
  const router = express.Router()
  const issuer = new URL(ctx.config.serviceURL).origin
  // Each PDS host is a protected resource of its own (a client checks `resource` against the PDS URL of
  // the user's DID document); the service's one issuer signs in the users of all of them. Built here, not
  // by the provider's schema: a host's origin is ours (the serviceURL's scheme and port on the domain's
  // host name), and on a test machine that is plain http on a name the schema keeps for https.
  const metadataOf = (resource: string) => ({
    resource,
    authorization_servers: [issuer],
    scopes_supported: [],
    bearer_methods_supported: ['header'],
    resource_documentation: 'https://atproto.com',
  })
  const originOf = (host: PdsHost) => (host.host === null ? issuer : new URL(host.endpoint).origin)
  // RFC 9728: the document for a resource with a path sits under the well-known path plus that path (/mcp).
  router.get([PROTECTED_RESOURCE_PATH, `${PROTECTED_RESOURCE_PATH}/mcp`], async (req, res, next) => {
    try {
      const host = await ctx.pdsHosts.forRequest(req.hostname ?? '')
      res.set('Access-Control-Allow-Origin', '*')
      res.json(metadataOf(originOf(host)))
    } catch (err) {
      // Express 4 does not catch a rejected handler.
      next(err)
    }
  })
  // The issuer's metadata names every host it protects (RFC 9728 §4: a client refuses a resource the
  // issuer does not list), so the list follows the domains' hosts rather than the provider's fixed one.
  // Only names a client takes as a resource at all (https, or plain http on loopback): one it does not
  // would make it refuse the whole document, and with it sign-in on every host.
  router.get(AUTHORIZATION_SERVER_PATH, async (_req, res, next) => {
    try {
      const resources = (await ctx.pdsHosts.list()).map(originOf).filter(isWebOrigin)
      res.set('Access-Control-Allow-Origin', '*')
      // The provider's own cache time for this document.
      res.set('Cache-Control', 'max-age=300')
      res.json({ ...ctx.oauth.provider.metadata, protected_resources: resources })
    } catch (err) {
      next(err)
    }
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

/** An origin OAuth clients accept as a resource or issuer: https, or http on a loopback name (as @atproto/oauth-types' webUri). */
function isWebOrigin(origin: string): boolean {
  const url = new URL(origin)
  return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
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
