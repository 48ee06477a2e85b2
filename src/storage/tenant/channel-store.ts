// SQL on a tenant's channels (is.gather.feed.channel) and the posts of its
// accounts that name a channel anywhere. A channel's posts are read with
// their records from search_doc, which already holds every post, so a post's
// JSON is stored once. Readers see only active accounts' (neither taken down,
// deactivated nor moving) rows whose record is not taken down.
import { sql } from 'kysely'
import type { TenantDb } from '../storage.js'
import { takenDown } from './search-store.js'

export type ChannelInput = { rkey: string; cid: string; recordJson: string }

export type ChannelRow = {
  did: string
  handle: string
  rkey: string
  cid: string
  record: unknown
  created_at: string
  indexed_at: string
}

/** A post in a channel: its author's DID and handle, its record (from search_doc), when it joined. */
export type ChannelPostRow = ChannelRow

/** Where a page resumes: after this row in (created_at, did, rkey) descending order. */
export type RecentKey = { createdAt: string; did: string; rkey: string }

const CHANNEL = 'is.gather.feed.channel'
const POST = 'is.gather.feed.post'

export class ChannelReader {
  constructor(readonly db: TenantDb) {}

  /** One channel of this tenant's active accounts. */
  channel(did: string, rkey: string): Promise<ChannelRow | undefined> {
    return this.channels().where('c.did', '=', did).where('c.rkey', '=', rkey).executeTakeFirst()
  }

  /** This tenant's channels, newest first, after `after`. */
  recent(opts: { limit: number; after?: RecentKey }): Promise<ChannelRow[]> {
    let q = this.channels()
    const { after } = opts
    if (after)
      q = q.where(sql<boolean>`(c.created_at, c.did, c.rkey) < (${after.createdAt}, ${after.did}, ${after.rkey})`)
    return q
      .orderBy('c.created_at', 'desc')
      .orderBy('c.did', 'desc')
      .orderBy('c.rkey', 'desc')
      .limit(opts.limit)
      .execute()
  }

  /**
   * Posts of this tenant's active accounts in the channel `channelUri`,
   * newest first, after `after`; only those of `authors` when given.
   */
  posts(channelUri: string, opts: { limit: number; after?: RecentKey; authors?: string[] }): Promise<ChannelPostRow[]> {
    const { after, authors } = opts
    if (authors !== undefined && authors.length === 0) return Promise.resolve([])
    let q = this.db
      .selectFrom('gather_channel_post as cp')
      .innerJoin('search_doc as d', (j) =>
        j.onRef('d.did', '=', 'cp.did').onRef('d.rkey', '=', 'cp.rkey').on('d.collection', '=', POST),
      )
      .innerJoin('account as a', 'a.did', 'cp.did')
      .select(['cp.did', 'a.handle', 'cp.rkey', 'd.cid', 'd.record', 'cp.created_at', 'd.indexed_at'])
      .where('cp.channel_uri', '=', channelUri)
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
      .where('a.moving_since', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'cp.did', collection: sql.lit(POST), rkey: 'cp.rkey' }))),
      )
    if (authors !== undefined) q = q.where('cp.did', 'in', authors)
    if (after) {
      q = q.where(sql<boolean>`(cp.created_at, cp.did, cp.rkey) < (${after.createdAt}, ${after.did}, ${after.rkey})`)
    }
    return q
      .orderBy('cp.created_at', 'desc')
      .orderBy('cp.did', 'desc')
      .orderBy('cp.rkey', 'desc')
      .limit(opts.limit)
      .execute()
  }

  private channels() {
    return this.db
      .selectFrom('gather_channel as c')
      .innerJoin('account as a', 'a.did', 'c.did')
      .select(['c.did', 'a.handle', 'c.rkey', 'c.cid', 'c.record', 'c.created_at', 'c.indexed_at'])
      .where('a.status', '=', 'active')
      .where('a.deactivated_at', 'is', null)
      .where('a.moving_since', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(takenDown(selectFrom, { did: 'c.did', collection: sql.lit(CHANNEL), rkey: 'c.rkey' }))),
      )
  }
}

export class ChannelTransactor extends ChannelReader {
  /** Keeps channels; an edit keeps the channel's place in "newest first". */
  async upsertChannels(did: string, channels: ChannelInput[], now: string): Promise<void> {
    if (channels.length === 0) return
    await this.db
      .insertInto('gather_channel')
      .values(
        channels.map((c) => ({
          did,
          rkey: c.rkey,
          cid: c.cid,
          record: sql`${c.recordJson}::jsonb`,
          created_at: now,
          indexed_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({
          cid: eb.ref('excluded.cid'),
          record: eb.ref('excluded.record'),
          indexed_at: eb.ref('excluded.indexed_at'),
        })),
      )
      .execute()
  }

  async removeChannels(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('gather_channel').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }

  /**
   * Keeps which channel each of these posts is in. A post keeps its place in
   * "newest first" when edited, as its search document does (both are first
   * indexed in the same commit, at the same time).
   */
  async upsertPosts(did: string, posts: { rkey: string; channelUri: string }[], now: string): Promise<void> {
    if (posts.length === 0) return
    await this.db
      .insertInto('gather_channel_post')
      .values(posts.map((p) => ({ did, rkey: p.rkey, channel_uri: p.channelUri, created_at: now })))
      .onConflict((oc) =>
        oc.columns(['did', 'rkey']).doUpdateSet((eb) => ({ channel_uri: eb.ref('excluded.channel_uri') })),
      )
      .execute()
  }

  async removePosts(did: string, rkeys: string[]): Promise<void> {
    if (rkeys.length === 0) return
    await this.db.deleteFrom('gather_channel_post').where('did', '=', did).where('rkey', 'in', rkeys).execute()
  }
}
