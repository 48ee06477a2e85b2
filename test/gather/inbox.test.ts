// The inbox through the real server, with agents on three domains: a reply,
// a mention and a vote each reach the post's author once, with their reason
// and subject; a changed vote is counted once; the unread count follows
// updateSeen (which never moves back nor ahead of the clock); pages merged
// across tenants return each notification once; a suspended author's and a
// taken-down record's notifications and votes are hidden; a deleted reply's
// notification goes; bad cursors and missing auth are refused.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import {
  type Agent,
  agentsOn,
  get,
  inboxServer,
  mentionOf,
  now,
  POST,
  type Ref,
  remove,
  setStatus,
  takeDownRecord,
  VOTE,
  write,
} from './helpers.js'

type View = {
  uri: string
  cid: string
  author: { did: string; handle: string }
  reason: string
  reasonSubject?: string
  record: Record<string, unknown>
  isRead: boolean
  indexedAt: string
}
type Page = { notifications: View[]; cursor?: string; unreadCount: number; seenAt?: string }

describe('the inbox', () => {
  let t: TestServer
  let ann: Agent
  let bob: Agent
  let cat: Agent
  let post: Ref
  let reply: Ref
  let mention: Ref
  let bobVote: Ref
  let catVote: Ref

  const list = async (who: Agent, params: Record<string, string | number | string[]> = {}) =>
    (await get(t, 'is.gather.notification.list', params, who.token)) as Page
  const unread = async (who: Agent) =>
    (await get(t, 'is.gather.notification.getUnreadCount', {}, who.token)) as { count: number; seenAt?: string }
  const updateSeen = async (who: Agent, seenAt: string) => {
    const res = await xrpc(t.url, 'is.gather.notification.updateSeen', { auth: who.token, body: { seenAt } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  const votes = async (uri: string) => await get(t, 'is.gather.feed.getVotes', { uri })

  before(async () => {
    t = await inboxServer()
    ;[ann] = await agentsOn(t, 'alpha.test', ['ann'])
    ;[bob] = await agentsOn(t, 'beta.test', ['bob'])
    ;[cat] = await agentsOn(t, 'gamma.test', ['cat'])
  })
  after(() => t?.close())

  test('a reply, a mention and a vote each reach the author once, with reason and subject', async () => {
    post = await write(t, ann, POST, { text: 'What is the best vector index?' })
    const strong = { uri: post.uri, cid: post.cid }
    const replyText = '@ann HNSW, mostly'
    // A reply that also mentions its parent's author notifies once, as a reply.
    reply = await write(t, bob, POST, {
      text: replyText,
      reply: { root: strong, parent: strong },
      facets: mentionOf(replyText, ann.did),
    })
    const mentionText = 'ann knows about vector indexes'
    mention = await write(t, bob, POST, { text: mentionText, facets: mentionOf(mentionText, ann.did) })
    bobVote = await write(t, bob, VOTE, { subject: strong, direction: 'up' })
    // Bob changes his mind by updating his vote: still one vote, one notification.
    bobVote = await write(t, bob, VOTE, { subject: strong, direction: 'down' }, bobVote.rkey)
    // A vote of ann's own post by herself notifies no one.
    await write(t, ann, VOTE, { subject: strong, direction: 'up' })

    const page = await list(ann)
    assert.deepEqual(
      page.notifications.map((n) => [n.uri, n.reason, n.reasonSubject]),
      [
        [bobVote.uri, 'vote', post.uri],
        [mention.uri, 'mention', undefined],
        [reply.uri, 'reply', post.uri],
      ],
    )
    const [vote, ment, rep] = page.notifications
    assert.deepEqual(vote?.author, { did: bob.did, handle: bob.handle })
    assert.equal(vote?.cid, bobVote.cid)
    assert.equal(vote?.record.direction, 'down')
    assert.equal(vote?.record.$type, VOTE)
    assert.equal(ment?.record.text, mentionText)
    assert.equal(rep?.isRead, false)
    assert.ok(Date.parse(rep?.indexedAt ?? '') > 0)
    assert.equal(page.unreadCount, 3)
    assert.equal(page.seenAt, undefined)
    // Only the reasons asked for.
    const mentions = await list(ann, { reasons: ['mention'] })
    assert.deepEqual(
      mentions.notifications.map((n) => n.uri),
      [mention.uri],
    )
    const two = await list(ann, { reasons: ['mention', 'reply'] })
    assert.deepEqual(
      two.notifications.map((n) => n.uri),
      [mention.uri, reply.uri],
    )
    // Bob is told nothing of his own records.
    assert.deepEqual((await list(bob)).notifications, [])
  })

  test('votes count one per voter, its latest, across tenants', async () => {
    // Ann's own up, Bob's down (updated from up).
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 1, down: 1 })
    catVote = await write(t, cat, VOTE, { subject: { uri: post.uri, cid: post.cid }, direction: 'up' })
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 2, down: 1 })
    // A second vote record by Bob: his latest counts, not both.
    const again = await write(t, bob, VOTE, { subject: { uri: post.uri, cid: post.cid }, direction: 'up' })
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 3, down: 0 })
    // Deleting it takes it back: his earlier vote counts again.
    await remove(t, bob, VOTE, again.rkey)
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 2, down: 1 })
    assert.deepEqual((await list(ann)).notifications.map((n) => n.uri).slice(0, 2), [catVote.uri, bobVote.uri])
    // searchPosts carries the same counts.
    const found = (await get(t, 'is.gather.feed.searchPosts', { q: 'vector index' })).posts as {
      uri: string
      votes: unknown
    }[]
    assert.deepEqual(found.find((p) => p.uri === post.uri)?.votes, { uri: post.uri, up: 2, down: 1 })
    const bad = await xrpc(t.url, 'is.gather.feed.getVotes', { params: { uri: `at://${ann.did}/${VOTE}/x` } })
    assert.equal(bad.status, 400)
  })

  test('updateSeen marks what came before as read, never moves back nor ahead of the clock', async () => {
    assert.equal((await unread(ann)).count, 4)
    const seen = now()
    await updateSeen(ann, seen)
    assert.deepEqual(await unread(ann), { count: 0, seenAt: seen })
    const page = await list(ann)
    assert.ok(page.notifications.every((n) => n.isRead))
    assert.equal(page.unreadCount, 0)
    assert.equal(page.seenAt, seen)
    // An earlier time changes nothing.
    await updateSeen(ann, '2020-01-01T00:00:00.000Z')
    assert.equal((await unread(ann)).seenAt, seen)
    const later = await write(t, cat, POST, {
      text: 'ann, a question',
      reply: { root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri, cid: post.cid } },
    })
    assert.equal((await unread(ann)).count, 1)
    const first = (await list(ann)).notifications[0]
    assert.equal(first?.uri, later.uri)
    assert.equal(first?.isRead, false)
    // A time ahead of the clock is taken as now: what comes after is still unread.
    await updateSeen(ann, '2100-01-01T00:00:00Z')
    const stored = (await unread(ann)).seenAt ?? ''
    assert.ok(stored <= now(), stored)
    assert.equal((await unread(ann)).count, 0)
    const next = await write(t, bob, POST, { text: 'ann again', facets: mentionOf('ann again', ann.did) })
    assert.deepEqual(
      (await list(ann, { limit: 1 })).notifications.map((n) => [n.uri, n.isRead]),
      [[next.uri, false]],
    )
    assert.equal((await unread(ann)).count, 1)
  })

  test('pages merged across tenants return each notification once, newest first', async () => {
    const dan = (await agentsOn(t, 'delta.test', ['dan']))[0] as Agent
    const target = await write(t, dan, POST, { text: 'paging target' })
    const strong = { uri: target.uri, cid: target.cid }
    const written: string[] = []
    for (let i = 0; i < 7; i++) {
      const author = [ann, bob, cat][i % 3] as Agent
      written.push((await write(t, author, POST, { text: `answer ${i}`, reply: { root: strong, parent: strong } })).uri)
    }
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(dan, cursor ? { limit: 2, cursor } : { limit: 2 })
      assert.ok(page.notifications.length <= 2)
      assert.equal(page.unreadCount, 7)
      seen.push(...page.notifications.map((n) => n.uri))
      cursor = page.cursor
      if (!cursor) break
    }
    assert.deepEqual(seen, [...written].reverse())
    for (const cursor of [
      'nope',
      Buffer.from('["a",1]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ]) {
      const res = await xrpc(t.url, 'is.gather.notification.list', { auth: dan.token, params: { cursor } })
      assert.equal(res.status, 400, JSON.stringify(res.body))
      assert.equal(res.body.error, 'InvalidRequest')
    }
  })

  test('a suspended author’s notifications and votes are hidden, and a taken-down record’s', async () => {
    const before = (await list(ann, { limit: 100 })).notifications.map((n) => n.uri)
    assert.ok(before.includes(catVote.uri))
    const unreadBefore = (await unread(ann)).count
    await setStatus(t, cat, 'suspended')
    const hidden = (await list(ann, { limit: 100 })).notifications.map((n) => n.uri)
    assert.ok(!hidden.some((uri) => uri.startsWith(`at://${cat.did}/`)))
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 1, down: 1 })
    await setStatus(t, cat, 'active')
    assert.deepEqual(
      (await list(ann, { limit: 100 })).notifications.map((n) => n.uri),
      before,
    )
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 2, down: 1 })

    await takeDownRecord(t, mention, true)
    await takeDownRecord(t, bobVote, true)
    const afterTakedown = (await list(ann, { limit: 100 })).notifications.map((n) => n.uri)
    assert.deepEqual(
      afterTakedown,
      before.filter((uri) => uri !== mention.uri && uri !== bobVote.uri),
    )
    assert.deepEqual(await votes(post.uri), { uri: post.uri, up: 2, down: 0 })
    await takeDownRecord(t, mention, false)
    await takeDownRecord(t, bobVote, false)
    assert.deepEqual(
      (await list(ann, { limit: 100 })).notifications.map((n) => n.uri),
      before,
    )
    assert.equal((await unread(ann)).count, unreadBefore)
  })

  test('deleting the reply removes its notification', async () => {
    assert.ok((await list(ann, { limit: 100 })).notifications.some((n) => n.uri === reply.uri))
    await remove(t, bob, POST, reply.rkey)
    assert.ok(!(await list(ann, { limit: 100 })).notifications.some((n) => n.uri === reply.uri))
    // An edit that no longer mentions her takes the mention away too.
    await write(t, bob, POST, { text: 'no one in particular' }, mention.rkey)
    assert.ok(!(await list(ann, { limit: 100 })).notifications.some((n) => n.uri === mention.uri))
  })

  test('an edit tells no one anew: a mention added later notifies no one, a kept one keeps its time', async () => {
    const quiet = await write(t, bob, POST, { text: 'nothing to see' })
    const edited = await write(
      t,
      bob,
      POST,
      { text: `now with @${ann.handle}`, facets: mentionOf(`now with @${ann.handle}`, ann.did) },
      quiet.rkey,
    )
    assert.notEqual(edited.cid, quiet.cid)
    assert.ok(!(await list(ann, { limit: 100 })).notifications.some((n) => n.uri === quiet.uri))
    const told = await write(t, cat, POST, {
      text: `hi @${ann.handle}`,
      facets: mentionOf(`hi @${ann.handle}`, ann.did),
    })
    const first = (await list(ann, { limit: 100 })).notifications.find((n) => n.uri === told.uri)
    assert.ok(first)
    await write(
      t,
      cat,
      POST,
      { text: `hi again @${ann.handle}`, facets: mentionOf(`hi again @${ann.handle}`, ann.did) },
      told.rkey,
    )
    const kept = (await list(ann, { limit: 100 })).notifications.find((n) => n.uri === told.uri)
    assert.equal(kept?.indexedAt, first.indexedAt)
    assert.equal(kept?.record.text, `hi again @${ann.handle}`)
  })

  test('the inbox is the caller’s own: no token, no answer', async () => {
    for (const nsid of ['is.gather.notification.list', 'is.gather.notification.getUnreadCount']) {
      assert.equal((await xrpc(t.url, nsid)).status, 401)
    }
    const res = await xrpc(t.url, 'is.gather.notification.updateSeen', { body: { seenAt: now() } })
    assert.equal(res.status, 401)
    const bad = await xrpc(t.url, 'is.gather.notification.updateSeen', {
      auth: ann.token,
      body: { seenAt: 'yesterday' },
    })
    assert.equal(bad.status, 400)
  })
})
