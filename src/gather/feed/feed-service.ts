// Votes on posts and channels, read across tenants: a post's votes are kept
// in each voter's tenant and summed; a channel is read from its owner's
// tenant, and its posts from every tenant (only the owner's and members'
// tenants when it names members), merged newest first.
import { isValidDid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../../storage/management/tenant-registry.js'
import type { Storage } from '../../storage/storage.js'
import type { ChannelRow, RecentKey } from '../../storage/tenant/channel-store.js'
import { isRecordUri } from '../record-uri.js'
import { POST } from '../search/indexed-record.js'
import type { SearchHit } from '../search/search-service.js'
import { decodeCursor, desc, pageOf, type TenantFanOut } from '../tenant-fan-out.js'
import { CHANNEL } from './feed-indexer.js'

export type VoteCounts = { uri: string; up: number; down: number }

export type ChannelView = {
  uri: string
  cid: string
  owner: { did: string; handle: string }
  /** The record in its JSON form ($link, $bytes). */
  record: Record<string, unknown>
  indexedAt: string
}

export type PostView = SearchHit & { votes: VoteCounts }

export type Page = { limit: number; cursor?: string }

export type FeedServiceDeps = { tenants: TenantFanOut; storage: Storage }

const MAX_LIMIT = 100
/** Posts whose votes one call counts: a page. */
const MAX_VOTE_SUBJECTS = 100
/** A channel's members looked at: the lexicon allows 1000. */
const MAX_MEMBERS = 1000

export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  /** The votes on one post, by its at://<did>/is.gather.feed.post/<rkey>. */
  async votesOf(uri: string): Promise<VoteCounts> {
    if (!isRecordUri(uri, POST)) throw new InvalidRequestError(`uri must be the at://<did>/${POST}/<rkey> of a post`)
    return (await this.voteCounts([uri])).get(uri) ?? noVotes(uri)
  }

  /** The votes on each of these posts (at most a page of them), from active voters anywhere here. */
  async voteCounts(uris: string[]): Promise<Map<string, VoteCounts>> {
    const unique = [...new Set(uris)]
    if (unique.length > MAX_VOTE_SUBJECTS) throw new Error(`votes of ${unique.length} posts asked at once`)
    const counts = new Map(unique.map((uri) => [uri, noVotes(uri)]))
    if (unique.length === 0) return counts
    const totals = await this.deps.tenants.run(await this.deps.tenants.active(), false, (t) => t.votes.totals(unique))
    for (const t of totals.flat()) {
      const c = counts.get(t.subject_uri)
      if (!c) continue
      c.up += t.up
      c.down += t.down
    }
    return counts
  }

  /** These search hits (posts) with their votes. */
  async withVotes(hits: SearchHit[]): Promise<PostView[]> {
    const counts = await this.voteCounts(hits.map((h) => h.uri))
    return hits.map((h) => ({ ...h, votes: counts.get(h.uri) ?? noVotes(h.uri) }))
  }

  /** The rkey of `account`'s latest vote on a post, which a new vote of theirs may update in place. */
  latestVote(account: LocatedAccount, postUri: string): Promise<string | undefined> {
    return this.deps.storage.read(account.db_name, async (t) => (await t.votes.latestOf(account.did, postUri))?.rkey)
  }

  /** A channel and a page of its posts, newest first, each with its votes; ChannelNotFound when it is not here. */
  async channel(uri: string, page: Page): Promise<{ channel: ChannelView; posts: PostView[]; cursor?: string }> {
    if (!isRecordUri(uri, CHANNEL)) {
      throw new InvalidRequestError(`uri must be the at://<did>/${CHANNEL}/<rkey> of a channel`)
    }
    const limit = checkLimit(page.limit)
    const after = page.cursor === undefined ? undefined : recentKeyOf(page.cursor)
    const [, , owner = '', , rkey = ''] = uri.split('/')
    const homes = await this.deps.tenants.homesOf([owner])
    const [row] = await this.deps.tenants.run(homes, true, (t) => t.channels.channel(owner, rkey))
    if (!row) throw new InvalidRequestError(`Channel not found: ${uri.slice(0, 300)}`, 'ChannelNotFound')
    const channel = toChannelView(row)
    const members = membersOf(channel.record)
    // With members, only their posts show, so only their tenants need asking.
    const authors = members === undefined ? undefined : [owner, ...members.filter((m) => m !== owner)]
    const tenants = authors === undefined ? await this.deps.tenants.active() : await this.deps.tenants.homesOf(authors)
    const found = await this.deps.tenants.run(tenants, false, (t) =>
      t.channels.posts(uri, { limit: limit + 1, after, authors }),
    )
    const rows = found.flat().sort(newestFirst)
    const { rows: kept, cursor } = pageOf(rows, limit, (r) => [r.created_at, r.did, r.rkey])
    const posts = await this.withVotes(
      kept.map((r) => ({
        uri: `at://${r.did}/${POST}/${r.rkey}`,
        cid: r.cid,
        did: r.did,
        handle: r.handle,
        collection: POST,
        rkey: r.rkey,
        record: r.record as Record<string, unknown>,
        indexedAt: r.indexed_at,
      })),
    )
    return { channel, posts, cursor }
  }

  /** Channels of active accounts, newest first, in one domain (DomainNotFound if not ours) or every one. */
  async listChannels(query: Page & { domain?: string }): Promise<{ channels: ChannelView[]; cursor?: string }> {
    const limit = checkLimit(query.limit)
    const after = query.cursor === undefined ? undefined : recentKeyOf(query.cursor)
    const tenants = await this.deps.tenants.scope(query.domain)
    const found = await this.deps.tenants.run(tenants, query.domain !== undefined, (t) =>
      t.channels.recent({ limit: limit + 1, after }),
    )
    const rows = found.flat().sort(newestFirst)
    const page = pageOf(rows, limit, (r) => [r.created_at, r.did, r.rkey])
    return { channels: page.rows.map(toChannelView), cursor: page.cursor }
  }
}

function noVotes(uri: string): VoteCounts {
  return { uri, up: 0, down: 0 }
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidRequestError(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  }
  return limit
}

function recentKeyOf(cursor: string): RecentKey {
  const [createdAt, did, rkey] = decodeCursor(cursor, ['s', 's', 's']) as string[]
  return { createdAt, did, rkey }
}

/** The order of the SQL: (created_at, did, rkey) descending, collated "C" there. */
function newestFirst(x: ChannelRow, y: ChannelRow): number {
  return desc(x.created_at, y.created_at) || desc(x.did, y.did) || desc(x.rkey, y.rkey)
}

/** The channel's members (valid DIDs), or undefined when it names none: open to everyone. */
function membersOf(record: Record<string, unknown>): string[] | undefined {
  if (!Array.isArray(record.members)) return undefined
  return record.members.slice(0, MAX_MEMBERS).filter((m): m is string => typeof m === 'string' && isValidDid(m))
}

function toChannelView(r: ChannelRow): ChannelView {
  return {
    uri: `at://${r.did}/${CHANNEL}/${r.rkey}`,
    cid: r.cid,
    owner: { did: r.did, handle: r.handle },
    // The indexer stores only records, and a record is an object.
    record: r.record as Record<string, unknown>,
    indexedAt: r.indexed_at,
  }
}
