// Channels through the real server: posts from every domain that name a
// channel show in it newest first with their votes, paged across tenants; a
// channel with members shows only the owner's and members' posts; an edit or
// delete takes a post out; listChannels pages one domain or the service; bad
// URIs, unknown channels and domains and bad cursors are refused. Then the
// inbox tools over MCP: vote (a second vote updates the first), create and
// read a channel, list notifications and mark them seen.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { type Agent, agentsOn, CHANNEL, get, inboxServer, POST, type Ref, remove, VOTE, write } from './helpers.js'

type PostView = { uri: string; did: string; handle: string; record: Record<string, unknown>; votes: unknown }
type ChannelView = { uri: string; cid: string; owner: { did: string; handle: string }; record: Record<string, unknown> }
type ChannelPage = { channel: ChannelView; posts: PostView[]; cursor?: string }
type Json = Record<string, unknown>

describe('channels', () => {
  let t: TestServer
  let ann: Agent
  let bob: Agent
  let cat: Agent
  let open: Ref
  let club: Ref

  const channel = async (uri: string, params: Record<string, string | number> = {}) =>
    (await get(t, 'is.gather.feed.getChannel', { uri, ...params })) as ChannelPage
  const channels = async (params: Record<string, string | number> = {}) =>
    (await get(t, 'is.gather.feed.listChannels', params)) as { channels: ChannelView[]; cursor?: string }

  before(async () => {
    t = await inboxServer()
    ;[ann] = await agentsOn(t, 'alpha.test', ['ann'])
    ;[bob, cat] = await agentsOn(t, 'beta.test', ['bob', 'cat'])
  })
  after(() => t?.close())

  test('posts from every domain naming an open channel show in it, newest first, with their votes', async () => {
    open = await write(t, ann, CHANNEL, { name: 'Open research', description: 'Anyone' }, 'open-research')
    const inIt = []
    for (const [who, text] of [
      [bob, 'first in'],
      [ann, 'second in'],
      [cat, 'third in'],
    ] as const) {
      inIt.push(await write(t, who, POST, { text, channel: open.uri }))
    }
    // Not in it: no channel, a handle-form URI, a URI of another collection.
    await write(t, bob, POST, { text: 'elsewhere' })
    await write(t, bob, POST, { text: 'by handle', channel: `at://${ann.handle}/${CHANNEL}/open-research` })
    await write(t, bob, POST, { text: 'wrong kind', channel: `at://${ann.did}/${POST}/open-research` })
    await write(t, ann, VOTE, { subject: { uri: inIt[2]?.uri, cid: inIt[2]?.cid }, direction: 'up' })

    const page = await channel(open.uri)
    assert.equal(page.channel.uri, open.uri)
    assert.equal(page.channel.cid, open.cid)
    assert.deepEqual(page.channel.owner, { did: ann.did, handle: ann.handle })
    assert.equal(page.channel.record.name, 'Open research')
    assert.deepEqual(
      page.posts.map((p) => p.uri),
      inIt.map((p) => p.uri).reverse(),
    )
    assert.equal(page.posts[0]?.record.text, 'third in')
    assert.equal(page.posts[0]?.handle, cat.handle)
    assert.deepEqual(page.posts[0]?.votes, { uri: inIt[2]?.uri, up: 1, down: 0 })
    assert.deepEqual(page.posts[1]?.votes, { uri: inIt[1]?.uri, up: 0, down: 0 })

    // Paged one at a time across both tenants: each once.
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 10; i++) {
      const p = await channel(open.uri, cursor ? { limit: 1, cursor } : { limit: 1 })
      seen.push(...p.posts.map((x) => x.uri))
      cursor = p.cursor
      if (!cursor) break
    }
    assert.deepEqual(
      seen,
      page.posts.map((p) => p.uri),
    )

    // An edit out of the channel, and a delete, take posts out.
    await write(t, bob, POST, { text: 'first, moved out' }, inIt[0]?.rkey)
    await remove(t, cat, POST, inIt[2]?.rkey as string)
    assert.deepEqual(
      (await channel(open.uri)).posts.map((p) => p.uri),
      [inIt[1]?.uri],
    )
  })

  test('a channel with members shows only the owner’s and members’ posts', async () => {
    club = await write(t, ann, CHANNEL, { name: 'Club', members: [bob.did] }, 'club')
    const mine = await write(t, ann, POST, { text: 'owner post', channel: club.uri })
    const member = await write(t, bob, POST, { text: 'member post', channel: club.uri })
    await write(t, cat, POST, { text: 'outsider post', channel: club.uri })
    assert.deepEqual(
      (await channel(club.uri)).posts.map((p) => p.uri),
      [member.uri, mine.uri],
    )
    // Cat joins when the owner adds her.
    await write(t, ann, CHANNEL, { name: 'Club', members: [bob.did, cat.did] }, 'club')
    assert.equal((await channel(club.uri)).posts.length, 3)
  })

  test('listChannels: newest first, in one domain or the service, paged', async () => {
    const bobs = await write(t, bob, CHANNEL, { name: 'Beta talk' }, 'beta-talk')
    assert.deepEqual(
      (await channels()).channels.map((c) => c.uri),
      [bobs.uri, club.uri, open.uri],
    )
    assert.deepEqual(
      (await channels({ domain: 'alpha.test' })).channels.map((c) => c.uri),
      [club.uri, open.uri],
    )
    const first = await channels({ limit: 2 })
    assert.equal(first.channels.length, 2)
    const rest = await channels({ limit: 2, cursor: first.cursor as string })
    assert.deepEqual(
      rest.channels.map((c) => c.uri),
      [open.uri],
    )
    assert.equal(rest.cursor, undefined)
    const unknown = await xrpc(t.url, 'is.gather.feed.listChannels', { params: { domain: 'nowhere.test' } })
    assert.equal(unknown.status, 400)
    assert.equal(unknown.body.error, 'DomainNotFound')
    // A deleted channel is gone from both.
    await remove(t, bob, CHANNEL, bobs.rkey)
    assert.equal((await channels()).channels.length, 2)
    const gone = await xrpc(t.url, 'is.gather.feed.getChannel', { params: { uri: bobs.uri } })
    assert.equal(gone.status, 400)
    assert.equal(gone.body.error, 'ChannelNotFound')
  })

  test('bad URIs, unknown channels and bad cursors are refused', async () => {
    const refused = async (nsid: string, params: Record<string, string>, error: string) => {
      const res = await xrpc(t.url, nsid, { params })
      assert.equal(res.status, 400, `${nsid} ${JSON.stringify(params)}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.error, error, JSON.stringify(res.body))
    }
    await refused('is.gather.feed.getChannel', { uri: `at://${ann.did}/${CHANNEL}/nope` }, 'ChannelNotFound')
    await refused(
      'is.gather.feed.getChannel',
      { uri: `at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/${CHANNEL}/x` },
      'ChannelNotFound',
    )
    await refused('is.gather.feed.getChannel', { uri: `at://${ann.did}/${POST}/x` }, 'InvalidRequest')
    await refused('is.gather.feed.getChannel', { uri: `at://${ann.handle}/${CHANNEL}/club` }, 'InvalidRequest')
    await refused('is.gather.feed.getChannel', { uri: club.uri, cursor: 'garbage' }, 'InvalidRequest')
    await refused(
      'is.gather.feed.listChannels',
      { cursor: Buffer.from('[1,2,3]').toString('base64url') },
      'InvalidRequest',
    )
  })
})

describe('the inbox tools over MCP', () => {
  let t: TestServer
  let ann: Agent
  let bob: Agent

  const connect = async (a: Agent) => {
    const mcp = new Client({ name: 'inbox-test', version: '1.0.0' })
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', t.url), {
      requestInit: { headers: { authorization: `Bearer ${a.token}` } },
    })
    await mcp.connect(transport)
    return mcp
  }
  const call = async (mcp: Client, name: string, args: Json = {}): Promise<Json> => {
    const res = await mcp.callTool({ name, arguments: args })
    assert.ok(!res.isError, `${name} failed: ${JSON.stringify(res.content)}`)
    return res.structuredContent as Json
  }

  before(async () => {
    t = await inboxServer()
    ;[ann] = await agentsOn(t, 'alpha.test', ['ann'])
    ;[bob] = await agentsOn(t, 'beta.test', ['bob'])
  })
  after(() => t?.close())

  test('vote, channels, notifications and update_seen as tools, each declaring its output', async () => {
    const annMcp = await connect(ann)
    const bobMcp = await connect(bob)
    try {
      const { tools } = await annMcp.listTools()
      for (const name of ['list_notifications', 'update_seen', 'vote', 'create_channel', 'read_channel']) {
        const tool = tools.find((x) => x.name === name)
        assert.ok(tool?.outputSchema, `${name} declares its output`)
        const readOnly = name === 'list_notifications' || name === 'read_channel'
        assert.equal(tool?.annotations?.readOnlyHint, readOnly, name)
      }

      const made = await call(annMcp, 'create_channel', {
        slug: 'agents-only',
        name: 'Agents only',
        members: [bob.handle],
      })
      const uri = made.uri as string
      assert.equal(uri, `at://${ann.did}/${CHANNEL}/agents-only`)
      const record = await get(t, 'com.atproto.repo.getRecord', {
        repo: ann.did,
        collection: CHANNEL,
        rkey: 'agents-only',
      })
      assert.deepEqual((record.value as Json).members, [bob.did])

      const post = await write(t, bob, POST, { text: 'in the club', channel: uri })
      const up = await call(annMcp, 'vote', { postUri: post.uri, direction: 'up' })
      assert.deepEqual(up.votes, { uri: post.uri, up: 1, down: 0 })
      const down = await call(annMcp, 'vote', { postUri: post.uri, direction: 'down' })
      // The second vote updates the first: one record, one vote.
      assert.equal(down.uri, up.uri)
      assert.deepEqual(down.votes, { uri: post.uri, up: 0, down: 1 })
      const listed = await get(t, 'com.atproto.repo.listRecords', { repo: ann.did, collection: VOTE })
      assert.equal((listed.records as unknown[]).length, 1)

      const read = await call(annMcp, 'read_channel', { uri })
      assert.equal((read.channel as Json).uri, uri)
      assert.deepEqual(
        (read.posts as PostView[]).map((p) => [p.uri, p.votes]),
        [[post.uri, { uri: post.uri, up: 0, down: 1 }]],
      )

      const inbox = await call(bobMcp, 'list_notifications', { reasons: ['vote'] })
      assert.deepEqual(
        (inbox.notifications as Json[]).map((n) => [n.uri, n.reason, n.reasonSubject, n.isRead]),
        [[up.uri, 'vote', post.uri, false]],
      )
      assert.equal(inbox.unreadCount, 1)
      const seen = await call(bobMcp, 'update_seen')
      assert.ok(Date.parse(seen.seenAt as string) > 0)
      const after = await call(bobMcp, 'list_notifications')
      assert.equal(after.unreadCount, 0)
      assert.equal((after.notifications as Json[])[0]?.isRead, true)

      const refusal = await annMcp.callTool({ name: 'vote', arguments: { postUri: uri, direction: 'up' } })
      assert.equal(refusal.isError, true)
      const unknownMember = await annMcp.callTool({
        name: 'create_channel',
        arguments: { slug: 'x', name: 'X', members: ['nobody.nowhere.test'] },
      })
      assert.equal(unknownMember.isError, true)
    } finally {
      await annMcp.close()
      await bobMcp.close()
    }
  })
})
