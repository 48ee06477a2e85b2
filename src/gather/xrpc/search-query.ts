// The parameters of the two search queries as the search service takes them.

import { InvalidRequestError } from '@atproto/xrpc-server'
import type { Request } from 'express'
import type { SearchQuery } from '../search/search-service.js'

type Params = { q?: string; domain?: string; limit?: number; cursor?: string }

/** `maxPage`: the configured largest page (limits.listPageSize); a larger `limit` is cut to it. */
export function searchQuery(params: unknown, req: Request, maxPage: number): SearchQuery {
  const { q, domain, limit, cursor } = params as Params
  // The XRPC server reads `?q=` as no q at all, which would mean "newest first": an empty search is refused instead.
  if (q === undefined && req.query.q !== undefined) throw new InvalidRequestError('q must not be empty')
  return { q, domain, limit: Math.min(limit ?? 25, maxPage), cursor }
}
