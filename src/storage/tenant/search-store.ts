// SQL on a tenant's search tables: documents, reviews and listing versions,
// as plain rows (what a record makes of them is gather/search's business).
// The transactor runs inside the commit transaction, so the index moves with
// the repo or not at all; the reader runs anywhere and sees only active
// accounts' rows.
import { type RawBuilder, sql } from 'kysely'
import type { TenantDb } from '../storage.js'

/**
 * The text search configuration: English stemming ("searching" finds
 * "search"), stop words dropped. Documents and queries must use the same one.
 */
const TS_CONFIG = sql.lit('english')

/** ts_rank (normalized into [0, 1)) times this, as an integer: an exact sort key that pages can resume from. */
const RANK_SCALE = sql.lit(1_000_000)

/** Text of a search document by weight: A (most telling) to D. */
export type WeightedText = { a: string; b: string; c: string; d: string }

/** A document to keep for a record. */
export type SearchDocInput = {
  collection: string
  rkey: string
  cid: string
  /** The record as a JSON string, ready for a jsonb column. */
  recordJson: string
  text: WeightedText
}

export type ReviewInput = { rkey: string; subjectUri: string; subjectCid: string; rating: number }

export type RecordPath = { collection: string; rkey: string }

export type SearchDocRow = {
  did: string
  handle: string
  collection: string
  rkey: string
  cid: string
  record: unknown
  created_at: string
  indexed_at: string
  rank: number
}

/** Where a page of search results resumes: after this document in (rank, created_at, did, rkey) descending order. */
export type SearchDocKey = { rank: number; createdAt: string; did: string; rkey: string }

export type ReviewTotal = { subject_uri: string; subject_cid: string; count: number; rating_sum: number }

/** A skill listing by its repo and record key. */
export type ListingKey = { did: string; rkey: string }

/** The collection skill_review rows are records of (their record rows carry the takedowns). */
const REVIEW_COLLECTION = 'is.gather.skill.review'

/** The collection a counted review's subject is in: reviews name skill listings. */
const LISTING_COLLECTION = 'is.gather.skill.listing'

/**
 * The taken-down record row behind a search row (the same repo, collection
 * and rkey): a record taken down (com.atproto.admin) is not found by search
 * nor counted in review totals, and is again once the takedown is lifted.
 */
export function takenDown(
  // biome-ignore lint/suspicious/noExplicitAny: the where-callback's selectFrom, of whichever aliased query this sits in
  selectFrom: any,
  row: { did: string; collection: string | RawBuilder<string>; rkey: string },
) {
  const collection = typeof row.collection === 'string' ? sql.ref(row.collection) : row.collection
  return selectFrom('record as tr')
    .select(sql.lit(1).as('one'))
    .whereRef('tr.did', '=', row.did)
    .where(sql<boolean>`tr.collection = ${collection}`)
    .whereRef('tr.rkey', '=', row.rkey)
    .where('tr.takedown_ref', 'is not', null)
}

export class SearchReader {
  constructor(readonly db: TenantDb) {}

  /**
   * Documents of one collection by active accounts (neither taken down nor
   * deactivated), best first: matching `q`
   * by rank, then newest; without `q`, newest first.
   */
  docs(opts: { collection: string; q?: string; limit: number; after?: SearchDocKey }): Promise<SearchDocRow[]> {
    const { q, after } = opts
    const query = q === undefined ? undefined : sql`websearch_to_tsquery(${TS_CONFIG}, ${q}::text)`
    const rank: RawBuilder<number> = query
      ? sql<number>`(ts_rank(d.tsv, ${query}, 32)::float8 * ${RANK_SCALE})::int4`
      : sql<number>`0`
    let s = this.db
      .selectFrom('search_doc as d')
      .innerJoin('account as a', 'a.did', 'd.did')
      .select(['d.did', 'a.handle', 'd.collection', 'd.rkey', 'd.cid', 'd.record', 'd.created_at', 'd.indexed_at'])
      .select(rank.as('rank'))
      .where('d.collection', '=', opts.collection)
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
      .where('a.moving_since', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'd.did', collection: 'd.collection', rkey: 'd.rkey' }))),
      )
    if (query) s = s.where(sql<boolean>`d.tsv @@ ${query}`)
    if (after && query) {
      s = s.where(
        sql<boolean>`(${rank}, d.created_at, d.did, d.rkey) < (${after.rank}, ${after.createdAt}, ${after.did}, ${after.rkey})`,
      )
    } else if (after) {
      s = s.where(sql<boolean>`(d.created_at, d.did, d.rkey) < (${after.createdAt}, ${after.did}, ${after.rkey})`)
    }
    // Without a query every rank is 0 (and ORDER BY 0 would mean a column position).
    if (query) s = s.orderBy(rank, 'desc')
    return s
      .orderBy('d.created_at', 'desc')
      .orderBy('d.did', 'desc')
      .orderBy('d.rkey', 'desc')
      .limit(opts.limit)
      .execute()
  }

  /**
   * Review counts and rating sums of these subjects from this tenant's active
   * (neither taken down nor deactivated) accounts, by the listing version (CID) they name: one review per reviewer
   * and subject (the one written last), and none by the subject's own author.
   */
  async reviewTotals(subjectUris: string[]): Promise<ReviewTotal[]> {
    if (subjectUris.length === 0) return []
    return this.totalsOf(this.countedReviews().where('r.subject_uri', 'in', subjectUris))
  }

  /**
   * The same totals of every skill listing of these authors (a listing's
   * author is the DID of its URI), at most `limit` rows, most reviewed first.
   */
  async reviewTotalsOfAuthors(authorDids: string[], limit: number): Promise<ReviewTotal[]> {
    if (authorDids.length === 0) return []
    const latest = this.countedReviews()
      .where(sql<string>`split_part(r.subject_uri, '/', 3)`, 'in', authorDids)
      .where(sql<string>`split_part(r.subject_uri, '/', 4)`, '=', LISTING_COLLECTION)
    return this.totalsOf(latest, limit)
  }

  /**
   * The same totals of the `subjects` skill listings reviewed most here (by
   * the reviews counted in this tenant): the leaderboard's reading of one
   * tenant, bounded by `subjects` whatever the number of reviews.
   */
  async mostReviewedTotals(subjects: number): Promise<ReviewTotal[]> {
    const latest = this.countedReviews().where(sql<string>`split_part(r.subject_uri, '/', 4)`, '=', LISTING_COLLECTION)
    const top = this.db
      .selectFrom(latest.as('l'))
      .select('l.subject_uri')
      .groupBy('l.subject_uri')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('l.subject_uri')
      .limit(subjects)
    return this.totalsOf(latest.where('r.subject_uri', 'in', top))
  }

  /**
   * The reviews that count, before they are summed: of active (neither taken
   * down nor deactivated) accounts, not taken down, one per reviewer and
   * subject (the one written last), and none by the subject's own author.
   */
  private countedReviews() {
    return (
      this.db
        .selectFrom('skill_review as r')
        .innerJoin('account as a', 'a.did', 'r.did')
        .distinctOn(['r.did', 'r.subject_uri'])
        .select(['r.subject_uri', 'r.subject_cid', 'r.rating'])
        .where('a.status', '=', 'active')
        .where('a.deactivated_at', 'is', null)
        // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
        .where('a.moving_since', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(exists(takenDown(selectFrom, { did: 'r.did', collection: sql.lit(REVIEW_COLLECTION), rkey: 'r.rkey' }))),
        )
        // at://<author>/…: an author's reviews of their own skill are not counted.
        .where(sql<boolean>`r.did <> split_part(r.subject_uri, '/', 3)`)
        .orderBy('r.did')
        .orderBy('r.subject_uri')
        .orderBy('r.indexed_at', 'desc')
        .orderBy('r.rkey', 'desc')
    )
  }

  /** Counted reviews summed by subject and the version they name; with `limit`, the most reviewed first. */
  private totalsOf(latest: ReturnType<SearchReader['countedReviews']>, limit?: number): Promise<ReviewTotal[]> {
    let totals = this.db
      .selectFrom(latest.as('l'))
      .select([
        'l.subject_uri',
        'l.subject_cid',
        sql<number>`count(*)::int4`.as('count'),
        sql<number>`coalesce(sum(l.rating), 0)::int4`.as('rating_sum'),
      ])
      .groupBy(['l.subject_uri', 'l.subject_cid'])
    if (limit !== undefined) totals = totals.orderBy(sql`count(*)`, 'desc').orderBy('l.subject_uri').limit(limit)
    return totals.execute()
  }

  /** Every version (CID) these listings of this tenant's accounts have had, deleted ones' included. */
  listingVersions(listings: ListingKey[]): Promise<(ListingKey & { cid: string })[]> {
    if (listings.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('listing_version')
      .select(['did', 'rkey', 'cid'])
      .where((eb) => eb.or(listings.map((l) => eb.and([eb('did', '=', l.did), eb('rkey', '=', l.rkey)]))))
      .execute()
  }
}

export class SearchTransactor extends SearchReader {
  async upsertDocs(did: string, docs: SearchDocInput[], now: string): Promise<void> {
    if (docs.length === 0) return
    await this.db
      .insertInto('search_doc')
      .values(
        docs.map((d) => ({
          did,
          collection: d.collection,
          rkey: d.rkey,
          cid: d.cid,
          record: sql`${d.recordJson}::jsonb`,
          text: joinedText(d.text),
          tsv: sql`${weighted(d.text.a, 'A')} || ${weighted(d.text.b, 'B')} || ${weighted(d.text.c, 'C')} || ${weighted(d.text.d, 'D')}`,
          created_at: now,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        // created_at stays: an edit does not move a record to the top of "newest".
        oc.columns(['did', 'collection', 'rkey']).doUpdateSet((eb) => ({
          cid: eb.ref('excluded.cid'),
          record: eb.ref('excluded.record'),
          text: eb.ref('excluded.text'),
          tsv: eb.ref('excluded.tsv'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async deleteDocs(did: string, paths: RecordPath[]): Promise<void> {
    if (paths.length === 0) return
    await this.db
      .deleteFrom('search_doc')
      .where('did', '=', did)
      .where((eb) => eb.or(paths.map((p) => eb.and([eb('collection', '=', p.collection), eb('rkey', '=', p.rkey)]))))
      .execute()
  }

  async upsertReviews(did: string, reviews: ReviewInput[], now: string): Promise<void> {
    if (reviews.length === 0) return
    await this.db
      .insertInto('skill_review')
      .values(
        reviews.map((r) => ({
          did,
          rkey: r.rkey,
          subject_uri: r.subjectUri,
          subject_cid: r.subjectCid,
          rating: r.rating,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({
          subject_uri: eb.ref('excluded.subject_uri'),
          subject_cid: eb.ref('excluded.subject_cid'),
          rating: eb.ref('excluded.rating'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async deleteReviews(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('skill_review').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }

  /** Keeps listing versions (a version already kept stays as it is). */
  async keepListingVersions(did: string, versions: { rkey: string; cid: string }[]): Promise<void> {
    if (versions.length === 0) return
    await this.db
      .insertInto('listing_version')
      .values(versions.map((v) => ({ did, ...v })))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

/** The searchable text as one string, as stored next to the tsvector. */
export function joinedText(t: WeightedText): string {
  return [t.a, t.b, t.c, t.d].filter((s) => s !== '').join('\n')
}

function weighted(text: string, weight: 'A' | 'B' | 'C' | 'D') {
  return sql`setweight(to_tsvector(${TS_CONFIG}, ${text}::text), ${sql.lit(weight)})`
}
