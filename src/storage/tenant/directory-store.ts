// SQL of the agent directory in one tenant: agents' profiles (gather_profile,
// kept by the commit transaction), and the reads of the directory and the
// leaderboard: agents (accounts with an agent_key) with their profile and
// counts, listings, posts and reviews. Readers see only active accounts'
// rows (not suspended, taken down, deactivated or moving) and no taken-down
// record. Sort keys are compared collated "C", so that pages merged across
// tenants in JavaScript agree with SQL.
import { sql } from 'kysely'
import type { TenantDb } from '../storage.js'
import type { ListingKey, SearchDocRow } from './search-store.js'
import { takenDown } from './search-store.js'

const POST = 'is.gather.feed.post'
const LISTING = 'is.gather.skill.listing'
const REVIEW = 'is.gather.skill.review'

/** What the index keeps of an is.gather.actor.profile record. */
export type ProfileInput = {
  cid: string
  /** The record as a JSON string, ready for a jsonb column. */
  recordJson: string
  /** Lower-cased, for the order by name; empty when the record has none. */
  name: string
  capabilities: string[]
}

export type AgentRow = {
  did: string
  handle: string
  public_key: string
  trusted: boolean
  /** When it registered (agent_key.created_at). */
  created_at: string
  /** Its profile record in JSON form, or null when it has none. */
  profile: unknown
  /** What the order by name sorts on: the profile's lower-cased name, else the handle. */
  sort_name: string
}

export type AgentSort = 'recent' | 'name'

/** Where a page of agents resumes: after (created_at, did) descending, or (sort_name, did) ascending. */
export type AgentPageKey = { key: string; did: string }

export type AgentCountsRow = { did: string; posts: number; listings: number; reviews_written: number }

/** Where a page of listings resumes: after this one, newest first. */
export type DocKey = { createdAt: string; did: string; rkey: string }

export type ReviewRow = {
  did: string
  handle: string
  rkey: string
  cid: string
  content: Uint8Array
  subject_cid: string
  indexed_at: string
  /** Whether it is its author's latest review of the subject (the one that can count). */
  latest: boolean
}

/** Where a page of a listing's reviews resumes: after (indexed_at, did, rkey) descending. */
export type ReviewKey = { indexedAt: string; did: string; rkey: string }

const c = (ref: string) => sql`${sql.ref(ref)} collate "C"`
const sortName = sql<string>`coalesce(nullif(p.name, ''), lower(a.handle)) collate "C"`
const asJsonArray = (value: string) => sql`${JSON.stringify([value])}::jsonb`

export class DirectoryReader {
  constructor(readonly db: TenantDb) {}

  /** A page of this tenant's active agents in the sort's order; with `did`, only that one. */
  agents(opts: {
    sort: AgentSort
    limit: number
    capability?: string
    after?: AgentPageKey
    did?: string
  }): Promise<AgentRow[]> {
    const { sort, after, capability } = opts
    let q = this.db
      .selectFrom('agent_key as k')
      .innerJoin('account as a', 'a.did', 'k.did')
      .leftJoin('gather_profile as p', 'p.did', 'k.did')
      .select(['k.did', 'a.handle', 'k.public_key', 'k.trusted', 'k.created_at', 'p.record as profile'])
      .select(sortName.as('sort_name'))
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
      .where('a.moving_since', 'is', null)
    if (opts.did !== undefined) q = q.where('k.did', '=', opts.did)
    if (capability !== undefined) q = q.where(sql<boolean>`p.capabilities @> ${asJsonArray(capability)}`)
    if (sort === 'recent') {
      if (after) q = q.where(sql<boolean>`(${c('k.created_at')}, ${c('k.did')}) < (${after.key}, ${after.did})`)
      q = q.orderBy(c('k.created_at'), 'desc').orderBy(c('k.did'), 'desc')
    } else {
      if (after) q = q.where(sql<boolean>`(${sortName}, ${c('k.did')}) > (${after.key}, ${after.did})`)
      q = q.orderBy(sortName).orderBy(c('k.did'))
    }
    return q.limit(opts.limit).execute()
  }

  /** Posts and listings (not taken down) and reviews written (not taken down) of these accounts. */
  async counts(dids: string[]): Promise<AgentCountsRow[]> {
    if (dids.length === 0) return []
    const [docs, reviews] = await Promise.all([
      this.db
        .selectFrom('search_doc as d')
        .select([
          'd.did',
          sql<number>`(count(*) filter (where d.collection = ${POST}))::int4`.as('posts'),
          sql<number>`(count(*) filter (where d.collection = ${LISTING}))::int4`.as('listings'),
        ])
        .where('d.did', 'in', dids)
        .where(({ not, exists, selectFrom }) =>
          not(exists(takenDown(selectFrom, { did: 'd.did', collection: 'd.collection', rkey: 'd.rkey' }))),
        )
        .groupBy('d.did')
        .execute(),
      this.db
        .selectFrom('skill_review as r')
        .select(['r.did', sql<number>`count(*)::int4`.as('reviews')])
        .where('r.did', 'in', dids)
        .where(({ not, exists, selectFrom }) =>
          not(exists(takenDown(selectFrom, { did: 'r.did', collection: sql.lit(REVIEW), rkey: 'r.rkey' }))),
        )
        .groupBy('r.did')
        .execute(),
    ])
    const reviewsOf = new Map(reviews.map((r) => [r.did, r.reviews]))
    const docsOf = new Map(docs.map((d) => [d.did, d]))
    return dids.map((did) => ({
      did,
      posts: docsOf.get(did)?.posts ?? 0,
      listings: docsOf.get(did)?.listings ?? 0,
      reviews_written: reviewsOf.get(did) ?? 0,
    }))
  }

  /**
   * Posts or listings of active accounts, newest first: one account's
   * (`did`), or with `capability`, the listings tagged with it or whose
   * author's profile lists it.
   */
  docs(opts: {
    collection: string
    limit: number
    did?: string
    capability?: string
    after?: DocKey
  }): Promise<SearchDocRow[]> {
    let q = this.activeDocs(opts.collection, opts.capability)
    if (opts.did !== undefined) q = q.where('d.did', '=', opts.did)
    if (opts.after) {
      const { createdAt, did, rkey } = opts.after
      q = q.where(sql<boolean>`(d.created_at, d.did, d.rkey) < (${createdAt}, ${did}, ${rkey})`)
    }
    return q
      .orderBy('d.created_at', 'desc')
      .orderBy('d.did', 'desc')
      .orderBy('d.rkey', 'desc')
      .limit(opts.limit)
      .execute()
  }

  /** Those of these listings that are here, by active accounts, not taken down, and (with `capability`) match it. */
  async listings(keys: ListingKey[], capability?: string): Promise<SearchDocRow[]> {
    if (keys.length === 0) return []
    const wanted = new Set(keys.map((k) => `${k.did} ${k.rkey}`))
    // By DID and rkey apart (the primary key's index), then the exact pairs.
    const rows = await this.activeDocs(LISTING, capability)
      .where('d.did', 'in', [...new Set(keys.map((k) => k.did))])
      .where('d.rkey', 'in', [...new Set(keys.map((k) => k.rkey))])
      .execute()
    return rows.filter((r) => wanted.has(`${r.did} ${r.rkey}`))
  }

  /**
   * A page of the reviews of one subject by this tenant's active accounts
   * (not taken down), newest first, with their records' bytes and whether
   * each is its author's latest of the subject (as review totals choose it).
   */
  reviewsOf(subjectUri: string, limit: number, after?: ReviewKey): Promise<ReviewRow[]> {
    let q = this.db
      .selectFrom('skill_review as r')
      .innerJoin('account as a', 'a.did', 'r.did')
      .innerJoin('record as rec', (j) =>
        j.onRef('rec.did', '=', 'r.did').on('rec.collection', '=', REVIEW).onRef('rec.rkey', '=', 'r.rkey'),
      )
      .innerJoin('repo_block as b', (j) => j.onRef('b.did', '=', 'rec.did').onRef('b.cid', '=', 'rec.cid'))
      .select(['r.did', 'a.handle', 'r.rkey', 'rec.cid', 'b.content', 'r.subject_cid', 'r.indexed_at'])
      .select(sql<boolean>`not exists (${this.newerReview()})`.as('latest'))
      .where('r.subject_uri', '=', subjectUri)
      .where('rec.takedown_ref', 'is', null)
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      .where('a.moving_since', 'is', null)
    if (after) {
      q = q.where(
        sql<boolean>`(${c('r.indexed_at')}, ${c('r.did')}, ${c('r.rkey')}) < (${after.indexedAt}, ${after.did}, ${after.rkey})`,
      )
    }
    return q
      .orderBy(c('r.indexed_at'), 'desc')
      .orderBy(c('r.did'), 'desc')
      .orderBy(c('r.rkey'), 'desc')
      .limit(limit)
      .execute()
  }

  /**
   * A review of the same author and subject as review r written after it, in
   * the order review totals take a reviewer's latest by (indexed_at, then
   * rkey), not taken down. Built here, not as SQL text, so that its tables
   * are those of this tenant's schema on the embedded database.
   */
  private newerReview() {
    return this.db
      .selectFrom('skill_review as n')
      .select(sql.lit(1).as('one'))
      .where(sql<boolean>`n.did = r.did and n.subject_uri = r.subject_uri`)
      .where(sql<boolean>`(n.indexed_at, n.rkey) > (r.indexed_at, r.rkey)`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'n.did', collection: sql.lit(REVIEW), rkey: 'n.rkey' }))),
      )
  }

  /** Documents of one collection by active accounts, not taken down; listings matching `capability` if given. */
  private activeDocs(collection: string, capability?: string) {
    let q = this.db
      .selectFrom('search_doc as d')
      .innerJoin('account as a', 'a.did', 'd.did')
      .select(['d.did', 'a.handle', 'd.collection', 'd.rkey', 'd.cid', 'd.record', 'd.created_at', 'd.indexed_at'])
      .select(sql<number>`0`.as('rank'))
      .where('d.collection', '=', collection)
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      .where('a.moving_since', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'd.did', collection: 'd.collection', rkey: 'd.rkey' }))),
      )
    if (capability !== undefined) {
      const wanted = asJsonArray(capability)
      q = q.where(({ or, exists, selectFrom }) =>
        or([
          sql<boolean>`d.record -> 'tags' @> ${wanted}`,
          exists(
            selectFrom('gather_profile as p')
              .select(sql.lit(1).as('one'))
              .whereRef('p.did', '=', 'd.did')
              .where(sql<boolean>`p.capabilities @> ${wanted}`),
          ),
        ]),
      )
    }
    return q
  }
}

export class DirectoryTransactor extends DirectoryReader {
  async upsertProfile(did: string, profile: ProfileInput, now: string): Promise<void> {
    await this.db
      .insertInto('gather_profile')
      .values({
        did,
        cid: profile.cid,
        record: sql`${profile.recordJson}::jsonb`,
        name: profile.name,
        capabilities: sql`${JSON.stringify(profile.capabilities)}::jsonb`,
        indexed_at: now,
      })
      .onConflict((oc) =>
        oc.column('did').doUpdateSet((eb) => ({
          cid: eb.ref('excluded.cid'),
          record: eb.ref('excluded.record'),
          name: eb.ref('excluded.name'),
          capabilities: eb.ref('excluded.capabilities'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async deleteProfile(did: string): Promise<void> {
    await this.db.deleteFrom('gather_profile').where('did', '=', did).execute()
  }
}
