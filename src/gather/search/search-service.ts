// Search over agents' posts and skill listings, in one tenant or across the
// service: each tenant is asked for its best page after the cursor (bounded
// concurrency), and the pages are merged by rank, then newest. Reviews of a
// skill may come from any tenant, so their aggregates always sum over all.
import { isValidDid, isValidRecordKey } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { chunks } from '../../storage/tenant/repo-store.js'
import type { ListingKey, ReviewTotal, SearchDocKey, SearchDocRow } from '../../storage/tenant/search-store.js'
import { desc, type Tenant, type TenantFanOut } from '../tenant-fan-out.js'
import { clean, LISTING, POST } from './indexed-record.js'

export type SearchHit = {
  uri: string
  cid: string
  did: string
  handle: string
  collection: string
  rkey: string
  /** The record in its JSON form ($link, $bytes). */
  record: Record<string, unknown>
  /** When the current version of the record was indexed. */
  indexedAt: string
}

/**
 * A listing's reviews: one per reviewer (the latest), none by its author, and
 * only those naming a version (CID) the listing has had; `mean` has two
 * decimals, and is left out when there are no reviews.
 */
export type ReviewStats = { uri: string; count: number; ratingSum: number; mean?: string }

export type SearchQuery = { q?: string; domain?: string; limit: number; cursor?: string }

export type SearchServiceDeps = { tenants: TenantFanOut }
const MAX_Q_CHARS = 512
const MAX_LIMIT = 100

export class SearchService {
  constructor(private readonly deps: SearchServiceDeps) {}

  /** Posts matching q; without q, the newest posts. */
  searchPosts(query: SearchQuery): Promise<{ hits: SearchHit[]; cursor?: string }> {
    return this.search(POST, query)
  }

  /** Skill listings matching q (without q, the newest), each with its review aggregates. */
  async searchListings(
    query: SearchQuery,
  ): Promise<{ hits: (SearchHit & { reviews: ReviewStats })[]; cursor?: string }> {
    const page = await this.search(LISTING, query)
    const stats = await this.statsOf(page.hits.map((h) => h.uri))
    return { ...page, hits: page.hits.map((h) => ({ ...h, reviews: stats.get(h.uri) ?? noReviews(h.uri) })) }
  }

  /** The review aggregates of one is.gather.skill.listing record, by its AT-URI (with a DID). */
  async reviewStats(uri: string): Promise<ReviewStats> {
    assertListingUri(uri)
    return (await this.statsOf([uri])).get(uri) ?? noReviews(uri)
  }

  private async search(collection: string, query: SearchQuery): Promise<{ hits: SearchHit[]; cursor?: string }> {
    const limit = checkLimit(query.limit)
    const q = checkQ(query.q)
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
    const tenants = await this.deps.tenants.scope(query.domain)
    // One more than a page from each: if more than a page is left in all, there is a next page.
    const pages = await this.deps.tenants.run(tenants, query.domain !== undefined, (t) =>
      t.search.docs({ collection, q, limit: limit + 1, after }),
    )
    const rows = pages.flat().sort(byRankThenNewest)
    const hits = rows.slice(0, limit)
    const last = hits[hits.length - 1]
    return { hits: hits.map(toHit), cursor: rows.length > limit && last ? encodeCursor(last) : undefined }
  }

  /** The review aggregates of these listings (DID-based AT-URIs), by URI; a listing without reviews is left out. */
  listingReviewStats(uris: string[]): Promise<Map<string, ReviewStats>> {
    return this.statsOf(uris)
  }

  /**
   * Every counted review of each of these authors' skill listings, summed per
   * author (the stats' uri is the author's DID; an author without reviews is
   * left out). Reads at most MAX_AUTHOR_TOTALS listing versions' totals per tenant.
   */
  async authorReviewStats(dids: string[]): Promise<Map<string, ReviewStats>> {
    const authors = [...new Set(dids)]
    if (authors.length === 0) return new Map()
    const [totals, homes] = await Promise.all([
      this.deps.tenants.run(await this.deps.tenants.active(), false, (t) =>
        t.search.reviewTotalsOfAuthors(authors, MAX_AUTHOR_TOTALS),
      ),
      this.deps.tenants.homesOf(authors),
    ])
    return this.counted(totals.flat(), homes, (uri) => listingKeyOf(uri).did)
  }

  /**
   * The counted aggregates of the listings reviewed most, for a ranking: each
   * tenant gives the totals of its `perTenant` most reviewed listings (so a
   * ranking reads a bounded number of rows however many reviews there are);
   * of those, the `maxCandidates` most reviewed that could reach `minReviews`
   * are counted, against the versions kept in `authorTenants` (a listing
   * whose author is elsewhere is left out). Those with at least `minReviews`
   * counted reviews, in no particular order.
   */
  async mostReviewed(opts: {
    minReviews: number
    perTenant: number
    maxCandidates: number
    authorTenants: Tenant[]
  }): Promise<ReviewStats[]> {
    const totals = (
      await this.deps.tenants.run(await this.deps.tenants.active(), false, (t) =>
        t.search.mostReviewedTotals(opts.perTenant),
      )
    ).flat()
    // Counting can only lower a listing's total: those below the minimum already cannot reach it.
    const reviews = new Map<string, number>()
    for (const t of totals) reviews.set(t.subject_uri, (reviews.get(t.subject_uri) ?? 0) + t.count)
    const candidates = new Set(
      [...reviews]
        .filter(([, n]) => n >= opts.minReviews)
        .sort(([xu, x], [yu, y]) => y - x || desc(xu, yu))
        .slice(0, opts.maxCandidates)
        .map(([uri]) => uri),
    )
    const counted = await this.counted(
      totals.filter((t) => candidates.has(t.subject_uri)),
      opts.authorTenants,
      (uri) => uri,
    )
    return [...counted.values()].filter((s) => s.count >= opts.minReviews)
  }

  /**
   * Review aggregates of these listings, summed over every tenant. A review
   * counts only when its subject CID is a version the listing has had: the
   * versions are kept in the author's tenant, the reviews in the reviewers'.
   */
  private async statsOf(uris: string[]): Promise<Map<string, ReviewStats>> {
    if (uris.length === 0) return new Map()
    // Reviews may be in any tenant; a listing's versions only in its author's.
    const [totals, homes] = await Promise.all([
      this.deps.tenants.run(await this.deps.tenants.active(), false, (t) => t.search.reviewTotals(uris)),
      this.deps.tenants.homesOf(uris.map((uri) => listingKeyOf(uri).did)),
    ])
    return this.counted(totals.flat(), homes, (uri) => uri)
  }

  /**
   * Per-tenant review totals summed by `keyOf` their subject (the listing, or
   * its author), each only when it names a version its listing has had, as
   * kept in `versionTenants`.
   */
  private async counted(
    totals: ReviewTotal[],
    versionTenants: Tenant[],
    keyOf: (subjectUri: string) => string,
  ): Promise<Map<string, ReviewStats>> {
    const stats = new Map<string, ReviewStats>()
    if (totals.length === 0) return stats
    const listings = [...new Map(totals.map((t) => [t.subject_uri, listingKeyOf(t.subject_uri)])).values()]
    const versions = await this.deps.tenants.run(versionTenants, false, async (t) => {
      const found = []
      for (const chunk of chunks(listings, VERSION_CHUNK)) found.push(...(await t.search.listingVersions(chunk)))
      return found
    })
    const had = new Set(versions.flat().map((v) => `at://${v.did}/${LISTING}/${v.rkey} ${v.cid}`))
    for (const t of totals) {
      if (!had.has(`${t.subject_uri} ${t.subject_cid}`)) continue
      const key = keyOf(t.subject_uri)
      const s = stats.get(key) ?? noReviews(key)
      s.count += t.count
      s.ratingSum += t.rating_sum
      stats.set(key, s)
    }
    for (const s of stats.values()) s.mean = mean(s.ratingSum, s.count)
    return stats
  }
}

/** Listings whose versions one query asks for. */
const VERSION_CHUNK = 500

/** Listing versions' totals one tenant gives for a page of authors: far above what a page of agents has. */
const MAX_AUTHOR_TOTALS = 10_000

export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidRequestError(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return limit
}

function checkQ(q: string | undefined): string | undefined {
  if (q === undefined) return undefined
  if (typeof q !== 'string' || q.trim() === '') throw new InvalidRequestError('q must not be empty')
  if (q.length > MAX_Q_CHARS) throw new InvalidRequestError(`q is longer than ${MAX_Q_CHARS} characters`)
  return clean(q)
}

/** A DID-based AT-URI of an is.gather.skill.listing record, and nothing else (no query, no fragment). */
export function assertListingUri(uri: string): void {
  const m = typeof uri === 'string' ? /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) : null
  if (!m || !isValidDid(m[1]) || m[2] !== LISTING || !isValidRecordKey(m[3])) {
    throw new InvalidRequestError(`uri must be the at://<did>/${LISTING}/<rkey> of a skill listing`)
  }
}

export function noReviews(uri: string): ReviewStats {
  return { uri, count: 0, ratingSum: 0 }
}

/** The repo and record key of a listing's at://<did>/<collection>/<rkey>. */
function listingKeyOf(uri: string): ListingKey {
  const [, , did = '', , rkey = ''] = uri.split('/')
  return { did, rkey }
}

/** sum/count (count > 0) with two decimals, rounded half up, in integers (no float artefacts). */
function mean(sum: number, count: number): string {
  const hundredths = Math.round((sum * 100) / count)
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`
}

/** The order of the SQL (rank, created_at, did, rkey descending); keys are ASCII, collated "C" there. */
function byRankThenNewest(x: SearchDocRow, y: SearchDocRow): number {
  return y.rank - x.rank || desc(x.created_at, y.created_at) || desc(x.did, y.did) || desc(x.rkey, y.rkey)
}

export function toHit(r: SearchDocRow): SearchHit {
  return {
    uri: `at://${r.did}/${r.collection}/${r.rkey}`,
    cid: r.cid,
    did: r.did,
    handle: r.handle,
    collection: r.collection,
    rkey: r.rkey,
    // The indexer stores only records, and a record is an object.
    record: r.record as Record<string, unknown>,
    indexedAt: r.indexed_at,
  }
}

function encodeCursor(r: SearchDocRow): string {
  return Buffer.from(JSON.stringify([r.rank, r.created_at, r.did, r.rkey])).toString('base64url')
}

function decodeCursor(cursor: string): SearchDocKey {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 4 &&
    Number.isInteger(parsed[0]) &&
    parsed.slice(1).every((s) => typeof s === 'string' && s.length <= 2048 && clean(s) === s)
  ) {
    const [rank, createdAt, did, rkey] = parsed as [number, string, string, string]
    if (Math.abs(rank) <= 2 ** 31) return { rank, createdAt, did, rkey }
  }
  throw new InvalidRequestError('Malformed cursor')
}
