// The leaderboard's order: skill listings by mean rating (compared exactly,
// as cross products of integers), then by number of counted reviews, then
// newest first; and the cursor that resumes it (the rank key of the last
// listing sent), so a page starts right after it even if that listing has
// since moved or gone.
import type { SearchDocRow } from '../../storage/tenant/search-store.js'
import type { ReviewStats } from '../search/search-service.js'
import { decodeCursor, desc } from '../tenant-fan-out.js'

/**
 * Subjects whose review totals one tenant gives a ranking: its most reviewed
 * listings. Bounds the rows a leaderboard reads whatever the number of
 * reviews; a listing reviewed thinly in many tenants beyond this many others
 * in each may be left out on a very large server.
 */
export const LEADERBOARD_SUBJECTS_PER_TENANT = 1000

/** Listings, of those read from every tenant, whose reviews are counted (the most reviewed). */
export const LEADERBOARD_CANDIDATES = 2000

export type RankedListing = { doc: SearchDocRow; reviews: ReviewStats }

type RankKey = Pick<ReviewStats, 'ratingSum' | 'count'> & Pick<SearchDocRow, 'created_at' | 'did' | 'rkey'>

/** Negative when x ranks before y: higher mean, then more reviews, then newer. */
export function byRating(x: RankedListing, y: RankedListing): number {
  return compareKeys(rankKeyOf(x), rankKeyOf(y))
}

/** The listings that rank after the cursor's key, in order. */
export function afterCursor(ranked: RankedListing[], cursor: string | undefined): RankedListing[] {
  if (cursor === undefined) return ranked
  const [ratingSum, count, created_at, did, rkey] = decodeCursor(cursor, ['n', 'n', 's', 's', 's']) as [
    number,
    number,
    string,
    string,
    string,
  ]
  const key = { ratingSum, count, created_at, did, rkey }
  return ranked.filter((r) => compareKeys(key, rankKeyOf(r)) < 0)
}

export function rankCursorKey(r: RankedListing): (string | number)[] {
  const k = rankKeyOf(r)
  return [k.ratingSum, k.count, k.created_at, k.did, k.rkey]
}

function rankKeyOf(r: RankedListing): RankKey {
  const { ratingSum, count } = r.reviews
  return { ratingSum, count, created_at: r.doc.created_at, did: r.doc.did, rkey: r.doc.rkey }
}

function compareKeys(x: RankKey, y: RankKey): number {
  return (
    y.ratingSum * x.count - x.ratingSum * y.count ||
    y.count - x.count ||
    desc(x.created_at, y.created_at) ||
    desc(x.did, y.did) ||
    desc(x.rkey, y.rkey)
  )
}
