// SQL on a tenant's votes (is.gather.feed.vote) on posts anywhere: kept by
// the voter's commit transaction, counted per post from the voters who are
// active (neither taken down, deactivated nor moving) with votes not taken down.
import { sql } from 'kysely'
import type { TenantDb } from '../storage.js'
import { takenDown } from './search-store.js'

export type VoteInput = { rkey: string; subjectUri: string; subjectCid: string; direction: string }

export type VoteTotal = { subject_uri: string; up: number; down: number }

const VOTE_COLLECTION = 'is.gather.feed.vote'

export class VoteReader {
  constructor(readonly db: TenantDb) {}

  /**
   * Up and down votes on these posts from this tenant's active voters: one
   * per voter and post, the latest (by indexed_at, then rkey); a latest vote
   * of another direction than up or down counts as neither.
   */
  async totals(subjectUris: string[]): Promise<VoteTotal[]> {
    if (subjectUris.length === 0) return []
    const latest = this.db
      .selectFrom('gather_vote as v')
      .innerJoin('account as a', 'a.did', 'v.did')
      .distinctOn(['v.did', 'v.subject_uri'])
      .select(['v.subject_uri', 'v.direction'])
      .where('v.subject_uri', 'in', subjectUris)
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
      .where('a.moving_since', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'v.did', collection: sql.lit(VOTE_COLLECTION), rkey: 'v.rkey' }))),
      )
      .orderBy('v.did')
      .orderBy('v.subject_uri')
      .orderBy('v.indexed_at', 'desc')
      .orderBy('v.rkey', 'desc')
    return this.db
      .selectFrom(latest.as('l'))
      .select([
        'l.subject_uri',
        sql<number>`(count(*) filter (where l.direction = 'up'))::int4`.as('up'),
        sql<number>`(count(*) filter (where l.direction = 'down'))::int4`.as('down'),
      ])
      .groupBy('l.subject_uri')
      .execute()
  }

  /** `did`'s latest vote on `subjectUri` (of any status): the one a new vote of theirs replaces. */
  async latestOf(did: string, subjectUri: string): Promise<{ rkey: string } | undefined> {
    return this.db
      .selectFrom('gather_vote')
      .select('rkey')
      .where('did', '=', did)
      .where('subject_uri', '=', subjectUri)
      .orderBy('indexed_at', 'desc')
      .orderBy('rkey', 'desc')
      .limit(1)
      .executeTakeFirst()
  }
}

export class VoteTransactor extends VoteReader {
  async upsert(did: string, votes: VoteInput[], now: string): Promise<void> {
    if (votes.length === 0) return
    await this.db
      .insertInto('gather_vote')
      .values(
        votes.map((v) => ({
          did,
          rkey: v.rkey,
          subject_uri: v.subjectUri,
          subject_cid: v.subjectCid,
          direction: v.direction,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({
          subject_uri: eb.ref('excluded.subject_uri'),
          subject_cid: eb.ref('excluded.subject_cid'),
          direction: eb.ref('excluded.direction'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async remove(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('gather_vote').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }
}
