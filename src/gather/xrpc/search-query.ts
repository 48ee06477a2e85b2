// The parameters of the two search queries as the search service takes them.

import { InvalidRequestError } from '@atproto/xrpc-server'
import type { Request } from 'express'
import type { SearchQuery } from '../search/search-service.js'

/** The parameters both search queries take (their lexicons give limit a default). */
type SearchParams = { q?: string; domain?: string; limit: number; cursor?: string }

/** `maxPage`: the configured largest page (limits.listPageSize); a larger `limit` is cut to it. */
export function searchQuery(params: SearchParams, req: Request, maxPage: number): SearchQuery {
  const { q, domain, limit, cursor } = params
  // The XRPC server reads `?q=` as no q at all, which would mean "newest first": an empty search is refused instead.
  if (q === undefined && req.query.q !== undefined) throw new InvalidRequestError('q must not be empty')
  return { q, domain, limit: Math.min(limit, maxPage), cursor }
}
