// Votes, channels and the posts naming a channel, as a commit indexer. A
// record written with validate=false need not match its lexicon: one that
// cannot be indexed (a vote with no strong ref to a post, a post whose channel
// is not a channel's at://<did>/… URI) has no row, and an update to such a
// record removes the row its old version had.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedRecordWrite, PreparedWrite } from '../../repo/prepare.js'
import type { ChannelInput } from '../../storage/tenant/channel-store.js'
import type { TenantTransactor } from '../../storage/tenant/tenant-store.js'
import type { VoteInput } from '../../storage/tenant/vote-store.js'
import { isRecordUri } from '../record-uri.js'
import { clean, POST, recordJson } from '../search/indexed-record.js'

export const VOTE = 'is.gather.feed.vote'
export const CHANNEL = 'is.gather.feed.channel'

const FEED_COLLECTIONS: ReadonlySet<string> = new Set([VOTE, CHANNEL, POST])

const MAX_DIRECTION_CHARS = 16

export const feedIndexer: CommitIndexer = {
  wants: (collection) => FEED_COLLECTIONS.has(collection),
  index: indexWrites,
}

async function indexWrites(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void> {
  const votes: VoteInput[] = []
  const channels: ChannelInput[] = []
  const posts: { rkey: string; channelUri: string }[] = []
  const gone = { votes: [] as string[], channels: [] as string[], posts: [] as string[] }
  for (const w of writes) {
    if (w.collection === VOTE) {
      const vote = w.action === 'delete' ? null : voteOf(w)
      if (vote) votes.push(vote)
      else gone.votes.push(w.rkey)
    } else if (w.collection === CHANNEL) {
      if (w.action === 'delete') gone.channels.push(w.rkey)
      else channels.push({ rkey: w.rkey, cid: w.cid.toString(), recordJson: recordJson(w) })
    } else if (w.collection === POST) {
      const channelUri = w.action === 'delete' ? undefined : channelUriOf(w.record.channel)
      if (channelUri) posts.push({ rkey: w.rkey, channelUri })
      else gone.posts.push(w.rkey)
    }
  }
  const now = new Date().toISOString()
  await tx.votes.remove(did, gone.votes)
  await tx.votes.upsert(did, votes, now)
  await tx.channels.removeChannels(did, gone.channels)
  await tx.channels.upsertChannels(did, channels, now)
  await tx.channels.removePosts(did, gone.posts)
  await tx.channels.upsertPosts(did, posts, now)
}

function voteOf(w: PreparedRecordWrite): VoteInput | null {
  const subject = w.record.subject as Record<string, unknown> | undefined
  const uri = subject?.uri
  const cid = subject?.cid
  const direction = w.record.direction
  if (typeof uri !== 'string' || !isRecordUri(uri, POST)) return null
  if (typeof cid !== 'string' || cid.length > 128) return null
  if (typeof direction !== 'string' || direction.length > MAX_DIRECTION_CHARS) return null
  return { rkey: w.rkey, subjectUri: uri, subjectCid: clean(cid), direction: clean(direction) }
}

/** The channel a post names, when it is the at://<did>/is.gather.feed.channel/<rkey> of one. */
function channelUriOf(channel: unknown): string | undefined {
  return typeof channel === 'string' && isRecordUri(channel, CHANNEL) ? channel : undefined
}
