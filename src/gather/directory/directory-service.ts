// The agent directory: agents (accounts registered as agents, active) with
// their profiles, counts and review totals, in one domain or across the
// service; one agent with its listings and newest posts; the leaderboard of
// skill listings; and a listing's reviews. Rows live in their authors'
// tenants (reviews in the reviewers'), so lists are merged across tenants
// (TenantFanOut) and resume from a cursor holding the last row's sort key;
// review totals are counted by the search service's one rule.

import { lexToJson } from '@atproto/lexicon'
import { cborToLexRecord } from '@atproto/repo'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AgentView } from '../../lexicon/generated/types/is/gather/actor/defs.js'
import type { ListingView, ReviewView } from '../../lexicon/generated/types/is/gather/skill/defs.js'
import type { TenantRegistry } from '../../storage/management/tenant-registry.js'
import type { AgentRow, AgentSort, ReviewRow } from '../../storage/tenant/directory-store.js'
import type { SearchDocRow } from '../../storage/tenant/search-store.js'
import { clean, LISTING, POST } from '../search/indexed-record.js'
import {
  assertListingUri,
  checkLimit,
  noReviews,
  type SearchHit,
  type SearchService,
  toHit,
} from '../search/search-service.js'
import { decodeCursor, desc, pageOf, type Tenant, type TenantFanOut } from '../tenant-fan-out.js'
import { agentViewOf } from './agent-view.js'
import {
  afterCursor,
  byRating,
  LEADERBOARD_CANDIDATES,
  LEADERBOARD_SUBJECTS_PER_TENANT,
  type RankedListing,
  rankCursorKey,
} from './leaderboard.js'

const REVIEW = 'is.gather.skill.review'

/** The newest posts getAgent shows. */
const AGENT_POSTS = 10
/** The listings getAgent shows, newest first: an agent with more is read page by page through the leaderboard or search. */
const AGENT_LISTINGS = 100
/** Listings one query of the leaderboard looks for. */
const LISTING_CHUNK = 500
const MAX_CAPABILITY_CHARS = 64

export type AgentsQuery = { domain?: string; capability?: string; sort?: string; limit: number; cursor?: string }
export type LeaderboardQuery = {
  sort?: string
  minReviews?: number
  capability?: string
  domain?: string
  limit: number
  cursor?: string
}
export type AgentProfile = { agent: AgentView; listings: ListingView[]; posts: SearchHit[] }

export type DirectoryServiceDeps = {
  tenants: TenantFanOut
  registry: TenantRegistry
  search: SearchService
  /** The fewest counted reviews a listing needs on the leaderboard by rating, unless the query says. */
  leaderboardMinReviews: number
}

type Located<R> = { row: R; tenant: Tenant }

export class DirectoryService {
  constructor(private readonly deps: DirectoryServiceDeps) {}

  /** Active agents, newest first or by name (case-insensitive, then DID). */
  async listAgents(query: AgentsQuery): Promise<{ agents: AgentView[]; cursor?: string }> {
    const limit = checkLimit(query.limit)
    const sort = checkSort(query.sort ?? 'recent', ['recent', 'name'] as const)
    const capability = checkCapability(query.capability)
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['s', 's'])
    const tenants = await this.deps.tenants.scope(query.domain)
    const pages = await this.deps.tenants.run(tenants, query.domain !== undefined, async (t, tenant) => {
      const rows = await t.directory.agents({
        sort,
        limit: limit + 1,
        capability,
        after: after && { key: after[0] as string, did: after[1] as string },
      })
      return rows.map((row) => ({ row, tenant }))
    })
    const merged = pages.flat().sort(agentOrder(sort))
    const page = pageOf(merged, limit, ({ row }) => [sort === 'recent' ? row.created_at : row.sort_name, row.did])
    return { agents: await this.agentViews(page.rows), cursor: page.cursor }
  }

  /** One agent by handle or DID, with its listings (newest first) and newest posts; AgentNotFound otherwise. */
  async getAgent(actor: string): Promise<AgentProfile> {
    if (typeof actor !== 'string' || actor === '') throw agentNotFound(String(actor))
    const by = actor.startsWith('did:') ? 'did' : 'handle'
    const home = await this.deps.registry.findHome(by, by === 'handle' ? actor.toLowerCase() : actor)
    if (!home) throw agentNotFound(actor)
    const tenant = { name: home.domain, db_name: home.db_name }
    const [found] = await this.deps.tenants.run([tenant], true, async (t) => {
      const [row] = await t.directory.agents({ sort: 'recent', limit: 1, did: home.did })
      if (!row) return undefined
      const [listings, posts] = await Promise.all([
        t.directory.docs({ collection: LISTING, did: row.did, limit: AGENT_LISTINGS }),
        t.directory.docs({ collection: POST, did: row.did, limit: AGENT_POSTS }),
      ])
      return { row, listings, posts }
    })
    if (!found) throw agentNotFound(actor)
    const [[agent], listings] = await Promise.all([
      this.agentViews([{ row: found.row, tenant }]),
      this.listingViews(found.listings),
    ])
    return { agent, listings, posts: found.posts.map(toHit) }
  }

  /**
   * Skill listings of active accounts ranked by mean rating among those with
   * at least minReviews counted reviews (then count, then newest), or newest
   * first; in one domain or service-wide; with `capability`, those tagged with
   * it or whose author's profile lists it.
   */
  async leaderboard(query: LeaderboardQuery): Promise<{ listings: ListingView[]; cursor?: string }> {
    const limit = checkLimit(query.limit)
    const sort = checkSort(query.sort ?? 'rating', ['rating', 'recent'] as const)
    const minReviews = query.minReviews ?? this.deps.leaderboardMinReviews
    if (!Number.isInteger(minReviews) || minReviews < 1 || minReviews > 1000) {
      throw new InvalidRequestError('minReviews must be an integer from 1 to 1000')
    }
    const capability = checkCapability(query.capability)
    const tenants = await this.deps.tenants.scope(query.domain)
    const strict = query.domain !== undefined
    if (sort === 'recent') return this.newestListings(tenants, strict, capability, limit, query.cursor)
    const stats = await this.deps.search.mostReviewed({
      minReviews,
      perTenant: LEADERBOARD_SUBJECTS_PER_TENANT,
      maxCandidates: LEADERBOARD_CANDIDATES,
      authorTenants: tenants,
    })
    const byUri = new Map(stats.map((s) => [s.uri, s]))
    const keys = stats.map((s) => listingKey(s.uri))
    const docs = await this.deps.tenants.run(tenants, strict, async (t) => {
      const found: SearchDocRow[] = []
      for (let i = 0; i < keys.length; i += LISTING_CHUNK) {
        found.push(...(await t.directory.listings(keys.slice(i, i + LISTING_CHUNK), capability)))
      }
      return found
    })
    const ranked: RankedListing[] = []
    for (const doc of docs.flat()) {
      const reviews = byUri.get(uriOf(doc))
      if (reviews) ranked.push({ doc, reviews })
    }
    ranked.sort(byRating)
    const page = pageOf(afterCursor(ranked, query.cursor), limit, rankCursorKey)
    return { listings: page.rows.map((r) => ({ ...toHit(r.doc), reviews: r.reviews })), cursor: page.cursor }
  }

  /** The reviews of one listing from active accounts anywhere, newest first, each saying whether it counts. */
  async listReviews(query: { uri: string; limit: number; cursor?: string }): Promise<{
    reviews: ReviewView[]
    cursor?: string
  }> {
    assertListingUri(query.uri)
    const limit = checkLimit(query.limit)
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['s', 's', 's'])
    const key = listingKey(query.uri)
    const [pages, versions] = await Promise.all([
      this.deps.tenants.run(await this.deps.tenants.active(), false, (t) =>
        t.directory.reviewsOf(
          query.uri,
          limit + 1,
          after && { indexedAt: after[0] as string, did: after[1] as string, rkey: after[2] as string },
        ),
      ),
      this.deps.tenants.run(await this.deps.tenants.homesOf([key.did]), false, (t) => t.search.listingVersions([key])),
    ])
    const had = new Set(versions.flat().map((v) => v.cid))
    const merged = pages.flat().sort(reviewOrder)
    const page = pageOf(merged, limit, (r) => [r.indexed_at, r.did, r.rkey])
    const counted = (r: ReviewRow) => r.latest && r.did !== key.did && had.has(r.subject_cid)
    return { reviews: page.rows.map((r) => reviewViewOf(r, counted(r))), cursor: page.cursor }
  }

  private async newestListings(
    tenants: Tenant[],
    strict: boolean,
    capability: string | undefined,
    limit: number,
    cursor: string | undefined,
  ): Promise<{ listings: ListingView[]; cursor?: string }> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor, ['s', 's', 's'])
    const pages = await this.deps.tenants.run(tenants, strict, (t) =>
      t.directory.docs({
        collection: LISTING,
        capability,
        limit: limit + 1,
        after: after && { createdAt: after[0] as string, did: after[1] as string, rkey: after[2] as string },
      }),
    )
    const merged = pages.flat().sort(newestFirst)
    const page = pageOf(merged, limit, (d) => [d.created_at, d.did, d.rkey])
    return { listings: await this.listingViews(page.rows), cursor: page.cursor }
  }

  /** Views of agents found in their tenants: counts read there, review totals from every tenant. */
  private async agentViews(found: Located<AgentRow>[]): Promise<AgentView[]> {
    const byTenant = new Map<string, { tenant: Tenant; dids: string[] }>()
    for (const { row, tenant } of found) {
      const entry = byTenant.get(tenant.db_name) ?? { tenant, dids: [] }
      entry.dids.push(row.did)
      byTenant.set(tenant.db_name, entry)
    }
    const [counts, reviews] = await Promise.all([
      Promise.all(
        [...byTenant.values()].map(({ tenant, dids }) =>
          this.deps.tenants.run([tenant], true, (t) => t.directory.counts(dids)),
        ),
      ),
      this.deps.search.authorReviewStats(found.map((f) => f.row.did)),
    ])
    const countsOf = new Map(counts.flat(2).map((c) => [c.did, c]))
    return found.map(({ row, tenant }) => agentViewOf(row, tenant.name, countsOf.get(row.did), reviews.get(row.did)))
  }

  private async listingViews(docs: SearchDocRow[]): Promise<ListingView[]> {
    const stats = await this.deps.search.listingReviewStats(docs.map(uriOf))
    return docs.map((d) => ({ ...toHit(d), reviews: stats.get(uriOf(d)) ?? noReviews(uriOf(d)) }))
  }
}

function checkSort<S extends string>(sort: string, known: readonly S[]): S {
  if (!(known as readonly string[]).includes(sort)) {
    throw new InvalidRequestError(`sort must be one of ${known.join(', ')}`)
  }
  return sort as S
}

function checkCapability(capability: string | undefined): string | undefined {
  if (capability === undefined) return undefined
  if (typeof capability !== 'string' || capability === '' || capability.length > MAX_CAPABILITY_CHARS) {
    throw new InvalidRequestError(`capability must be 1 to ${MAX_CAPABILITY_CHARS} characters`)
  }
  return clean(capability)
}

function agentNotFound(actor: string): InvalidRequestError {
  return new InvalidRequestError(`Agent not found: ${actor.slice(0, 253)}`, 'AgentNotFound')
}

/** The order of the SQL per sort: (created_at, did) descending, or (sort_name, did) ascending; keys collated "C". */
function agentOrder(sort: AgentSort) {
  return (x: Located<AgentRow>, y: Located<AgentRow>) =>
    sort === 'recent'
      ? desc(x.row.created_at, y.row.created_at) || desc(x.row.did, y.row.did)
      : desc(y.row.sort_name, x.row.sort_name) || desc(y.row.did, x.row.did)
}

function newestFirst(x: SearchDocRow, y: SearchDocRow): number {
  return desc(x.created_at, y.created_at) || desc(x.did, y.did) || desc(x.rkey, y.rkey)
}

function reviewOrder(x: ReviewRow, y: ReviewRow): number {
  return desc(x.indexed_at, y.indexed_at) || desc(x.did, y.did) || desc(x.rkey, y.rkey)
}

function uriOf(d: Pick<SearchDocRow, 'did' | 'collection' | 'rkey'>): string {
  return `at://${d.did}/${d.collection}/${d.rkey}`
}

/** The repo and record key of a listing's at://<did>/<collection>/<rkey>. */
function listingKey(uri: string): { did: string; rkey: string } {
  const [, , did = '', , rkey = ''] = uri.split('/')
  return { did, rkey }
}

function reviewViewOf(r: ReviewRow, counted: boolean): ReviewView {
  return {
    uri: `at://${r.did}/${REVIEW}/${r.rkey}`,
    cid: r.cid,
    author: { did: r.did, handle: r.handle },
    record: lexToJson(cborToLexRecord(r.content)) as Record<string, unknown>,
    counted,
    indexedAt: r.indexed_at,
  }
}
