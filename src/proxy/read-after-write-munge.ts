// What read-after-write changes in each AppView answer, method by method, as
// the official PDS changes it: the caller's new profile over its old one in
// profiles and its own feed items, its new posts in its timeline and its own
// author feed, its new replies in threads; and, for a thread the AppView does
// not know yet, the thread of a post only we have.
import type * as ActorDefs from '../lexicon/generated/types/app/bsky/actor/defs.js'
import type * as FeedDefs from '../lexicon/generated/types/app/bsky/feed/defs.js'
import type { LocalRecord, LocalRecords, LocalViewer, PostRecord } from './local-viewer.js'

/** Changes a method's (lexicon-valid) answer; `requester` is the caller's DID. */
export type Munge = (
  viewer: LocalViewer,
  original: Record<string, unknown>,
  local: LocalRecords,
  requester: string,
) => Promise<Record<string, unknown>>

type FeedAnswer = { feed: FeedDefs.FeedViewPost[]; [k: string]: unknown }
type ThreadView = FeedDefs.ThreadViewPost & { $type: string }

const THREAD_VIEW_POST = 'app.bsky.feed.defs#threadViewPost'

/** Methods whose change needs the caller's new profile: new posts alone leave them as they are. */
export const PROFILE_ONLY: ReadonlySet<string> = new Set([
  'app.bsky.actor.getProfile',
  'app.bsky.actor.getProfiles',
  'app.bsky.feed.getActorLikes',
])

/** The methods read-after-write applies to, and their change. */
export const MUNGES: ReadonlyMap<string, Munge> = new Map<string, Munge>([
  ['app.bsky.actor.getProfile', getProfile],
  ['app.bsky.actor.getProfiles', getProfiles],
  ['app.bsky.feed.getActorLikes', getActorLikes],
  ['app.bsky.feed.getAuthorFeed', getAuthorFeed],
  ['app.bsky.feed.getPostThread', getPostThread],
  ['app.bsky.feed.getTimeline', getTimeline],
])

async function getProfile(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords, did: string) {
  const profile = original as unknown as ActorDefs.ProfileViewDetailed
  if (!local.profile || profile.did !== did) return original
  return viewer.updateProfileDetailed(profile, local.profile.record) as unknown as Record<string, unknown>
}

async function getProfiles(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords, did: string) {
  const mine = local.profile
  if (!mine) return original
  const profiles = (original.profiles as ActorDefs.ProfileViewDetailed[]).map((p) =>
    p.did === did ? viewer.updateProfileDetailed(p, mine.record) : p,
  )
  return { ...original, profiles }
}

/** Refreshes the caller's profile on the items it wrote (likes feeds get no new posts: a like is not a post). */
function withOwnAuthorRefreshed(viewer: LocalViewer, feed: FeedDefs.FeedViewPost[], local: LocalRecords, did: string) {
  const mine = local.profile
  if (!mine) return feed
  return feed.map((item) =>
    item.post.author.did === did
      ? { ...item, post: { ...item.post, author: viewer.updateProfileViewBasic(item.post.author, mine.record) } }
      : item,
  )
}

async function getActorLikes(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords, did: string) {
  const { feed } = original as FeedAnswer
  return { ...original, feed: withOwnAuthorRefreshed(viewer, feed, local, did) }
}

async function getAuthorFeed(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords, did: string) {
  const answer = original as FeedAnswer
  // Only the caller's own feed, told as the official PDS tells it: by its first item.
  if (!isUsersFeed(answer.feed, did)) return original
  const feed = withOwnAuthorRefreshed(viewer, answer.feed, local, did)
  return { ...original, feed: await viewer.insertPostsInFeed(feed, local.posts) }
}

function isUsersFeed(feed: FeedDefs.FeedViewPost[], did: string): boolean {
  const first = feed[0]
  if (!first) return false
  if (!first.reason) return first.post.author.did === did
  const reason = first.reason as { $type?: string; by?: { did?: string } }
  return reason.$type === 'app.bsky.feed.defs#reasonRepost' && reason.by?.did === did
}

async function getTimeline(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords) {
  const { feed } = original as FeedAnswer
  return { ...original, feed: await viewer.insertPostsInFeed([...feed], local.posts) }
}

async function getPostThread(viewer: LocalViewer, original: Record<string, unknown>, local: LocalRecords) {
  const thread = original.thread as ThreadView
  // A blocked or missing root is shown as the AppView has it.
  if (thread?.$type !== THREAD_VIEW_POST) return original
  return { ...original, thread: await addPostsToThread(viewer, thread, local.posts) }
}

/** The thread with the caller's new replies to any post in it, newest reply first under its parent. */
export async function addPostsToThread(
  viewer: LocalViewer,
  thread: ThreadView,
  posts: LocalRecord<PostRecord>[],
): Promise<ThreadView> {
  const threadRoot = (thread.post.record as PostRecord).reply?.root.uri
  const inThread = posts.filter((p) => {
    const root = p.record.reply?.root.uri
    return root !== undefined && (root === thread.post.uri || root === threadRoot)
  })
  let out = thread
  for (const post of inThread) out = await insertReply(viewer, out, post)
  return out
}

async function insertReply(viewer: LocalViewer, view: ThreadView, post: LocalRecord<PostRecord>): Promise<ThreadView> {
  if (post.record.reply?.parent.uri === view.post.uri) {
    const reply = await threadViewOf(viewer, post)
    return { ...view, replies: [reply, ...(view.replies ?? [])] }
  }
  if (!view.replies) return view
  const replies = await Promise.all(
    view.replies.map((r) => (r.$type === THREAD_VIEW_POST ? insertReply(viewer, r as ThreadView, post) : r)),
  )
  return { ...view, replies }
}

export async function threadViewOf(viewer: LocalViewer, post: LocalRecord<PostRecord>): Promise<ThreadView> {
  return { $type: THREAD_VIEW_POST, post: await viewer.post(post) }
}
