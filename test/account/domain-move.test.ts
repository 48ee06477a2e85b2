// Moving an account between two of our domains (alice.a.test to
// alice.b.test): everything it has comes along and is served from b, its
// sessions stay good, the PLC document names the new handle, tenant a keeps
// nothing of it, and a relay following the firehose sees #identity and then
// a commit that verifies on the old head. And who may not move whom.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { verifyRepoCar } from '@atproto/repo'
import { copyAccount } from '../../src/storage/tenant/account-copy-store.js'
import { refusal } from '../admin/helpers.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { carBytes, loggedInAccount, post } from '../repo/helpers.js'
import { FirehoseClient, type Frame } from '../sync/helpers.js'
import { applyCommit, type RepoCopy } from '../sync/relay.js'

let plc: TestPlc
let t: TestServer
let hose: FirehoseClient
let owners: Record<string, { did: string; handle: string; password: string }>

before(async () => {
  plc = await startPlc()
  t = await startTestServer({ config: { plcEndpoint: plc.url, registrationOpen: true } })
  hose = new FirehoseClient(t.url)
  await hose.opened()
  owners = {}
  for (const d of ['a.test', 'b.test']) owners[d] = (await addDomain(t, d)).owner
  owners['c.test'] = (await addDomain(t, 'c.test', { inviteRequired: true })).owner
})
after(async () => {
  hose?.close()
  await t?.close()
  await plc?.close()
})

async function dbOf(domain: string): Promise<string> {
  const d = await t.ctx.registry.getDomain(domain)
  assert.ok(d)
  return d.db_name
}

async function handlesOf(domain: string): Promise<string[]> {
  const res = await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: t.adminKey, params: { domain } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body.accounts as { handle: string }[]).map((a) => a.handle)
}

async function repoRecords(did: string, key: string): Promise<string[]> {
  const car = await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${did}`))
  const served = await verifyRepoCar(car, did, key)
  return served.creates.map((c) => `${c.collection}/${c.rkey} ${c.cid}`).sort()
}

/** Verifies every #commit of `did` in stream order, as a relay does, from the first; the copy's last rev. */
async function verifyCommits(frames: Frame[], did: string, key: string): Promise<string> {
  const copies = new Map<string, RepoCopy>()
  for (const f of frames) if (f.header.t === '#commit' && f.body.repo === did) await applyCommit(copies, f, key)
  const copy = copies.get(did)
  assert.ok(copy, 'commits of the account were streamed')
  return copy.rev
}

test('an account moves from a to b with everything it has, and its sessions stay good', async () => {
  const alice = await loggedInAccount(t, 'alice.a.test')
  const password = 'correct horse battery'
  const api = alice.agent.com.atproto
  for (let i = 0; i < 3; i++)
    await api.repo.createRecord({ repo: alice.did, collection: 'app.bsky.feed.post', record: post(`p${i}`) })
  const bytes = new Uint8Array(2048).map((_, i) => i % 251)
  const blob = (await api.repo.uploadBlob(bytes, { encoding: 'image/png' })).data.blob
  await api.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: post('with image', { embed: { $type: 'app.bsky.embed.images', images: [{ image: blob, alt: 'x' }] } }),
  })
  const prefs = [{ $type: 'app.bsky.actor.defs#adultContentPref', enabled: true }]
  await alice.agent.app.bsky.actor.putPreferences({ preferences: prefs })
  const appPassword = (await api.server.createAppPassword({ name: 'phone' })).data.password
  // The wing indexes these for search, the inbox, votes and channels: their index rows move too.
  const createdAt = new Date().toISOString()
  const channel = await api.repo.createRecord({
    repo: alice.did,
    collection: 'is.gather.feed.channel',
    rkey: 'moving',
    record: { $type: 'is.gather.feed.channel', name: 'Moving', createdAt },
  })
  const mentioned = 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb'
  const searchable = await api.repo.createRecord({
    repo: alice.did,
    collection: 'is.gather.feed.post',
    record: {
      $type: 'is.gather.feed.post',
      text: 'searchable',
      channel: channel.data.uri,
      facets: [
        {
          index: { byteStart: 0, byteEnd: 4 },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: mentioned }],
        },
      ],
      createdAt,
    },
  })
  await api.repo.createRecord({
    repo: alice.did,
    collection: 'is.gather.feed.vote',
    record: { $type: 'is.gather.feed.vote', subject: searchable.data, direction: 'up', createdAt },
  })
  const seen = await xrpc(t.url, 'is.gather.notification.updateSeen', {
    auth: alice.agent.session?.accessJwt,
    body: { seenAt: createdAt },
  })
  assert.equal(seen.status, 200, JSON.stringify(seen.body))
  // And this one for the agent directory (its capabilities a JSON array, which must stay one).
  await api.repo.putRecord({
    repo: alice.did,
    collection: 'is.gather.actor.profile',
    rkey: 'self',
    record: { $type: 'is.gather.actor.profile', name: 'Alice', capabilities: ['code', 'search'] },
  })
  const oldRefresh = alice.agent.session?.refreshJwt as string
  const inA = await t.ctx.storage.read(await dbOf('a.test'), (r) => r.accountCopy.rows(alice.did))
  assert.equal(inA.tables.search_doc.length, 1)
  for (const table of [
    'gather_notification',
    'gather_notification_seen',
    'gather_vote',
    'gather_channel',
    'gather_channel_post',
    'gather_profile',
  ] as const) {
    assert.equal(inA.tables[table].length, 1, table)
  }
  const before = (await api.sync.getLatestCommit({ did: alice.did })).data
  const records = await repoRecords(alice.did, alice.signingKey)
  assert.equal(records.length, 8)

  await api.identity.updateHandle({ handle: 'alice.b.test' })

  // Every row is in b (the PLC op log one op longer, the handle new), none is left in a.
  const inB = await t.ctx.storage.read(await dbOf('b.test'), (r) => r.accountCopy.rows(alice.did))
  for (const [table, rows] of Object.entries(inA.tables)) {
    const extra = table === 'plc_operation' ? 1 : 0
    assert.equal(inB.tables[table as keyof typeof inB.tables].length, rows.length + extra, `${table} in b`)
  }
  assert.equal(inB.tables.account[0]?.handle, 'alice.b.test')
  assert.deepEqual(inB.tables.gather_profile[0]?.capabilities, ['code', 'search'])

  // Served from b, unchanged: the same commit, record for record, the blob, the preferences.
  assert.equal((await api.identity.resolveHandle({ handle: 'alice.b.test' })).data.did, alice.did)
  assert.equal((await refusal(api.identity.resolveHandle({ handle: 'alice.a.test' }))).status, 400)
  const latest = (await api.sync.getLatestCommit({ did: alice.did })).data
  assert.deepEqual(latest, before, 'the head is the one signed in a')
  assert.deepEqual(await repoRecords(alice.did, alice.signingKey), records)
  const got = await fetch(`${t.url}/xrpc/com.atproto.sync.getBlob?did=${alice.did}&cid=${blob.ref.toString()}`)
  assert.equal(got.status, 200)
  assert.deepEqual(new Uint8Array(await got.arrayBuffer()), bytes)
  const prefsAfter = (await alice.agent.app.bsky.actor.getPreferences()).data.preferences
  assert.deepEqual(
    prefsAfter.filter((p) => p.$type === 'app.bsky.actor.defs#adultContentPref'),
    prefs,
  )
  assert.equal((await plc.data(alice.did))?.alsoKnownAs[0], 'at://alice.b.test')

  // The session from before, refreshed; a login by the new handle, with the password and the app password.
  const refreshed = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: oldRefresh })
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body))
  assert.equal(refreshed.body.handle, 'alice.b.test')
  const again = new AtpAgent({ service: t.url })
  await again.login({ identifier: 'alice.b.test', password })
  await new AtpAgent({ service: t.url }).login({ identifier: 'alice.b.test', password: appPassword })

  // A new post chains on the old head.
  const next = await again.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: post('from b'),
  })
  const afterRev = next.data.commit?.rev as string
  assert.equal((await again.com.atproto.sync.getLatestCommit({ did: alice.did })).data.rev, afterRev)

  // Tenant a holds nothing of the account; the lists agree.
  const left = await t.ctx.storage.read(await dbOf('a.test'), (r) => r.accountCopy.rows(alice.did))
  for (const [table, rows] of Object.entries(left.tables)) assert.equal(rows.length, 0, `${table} in a`)
  assert.ok(!(await handlesOf('a.test')).includes('alice.a.test'))
  assert.ok((await handlesOf('b.test')).includes('alice.b.test'))
  assert.equal(await t.ctx.storage.managementTransactor.moves.get(alice.did), undefined, 'the journal is closed')

  // The relay's view: #identity with the new handle, then the commit from b, which verifies on the old head.
  await hose.until((fs) => fs.some((f) => f.body.repo === alice.did && f.body.rev === afterRev), 'the commit from b')
  const frames = hose.messages().filter((f) => f.body.repo === alice.did || f.body.did === alice.did)
  const identity = frames.findIndex((f) => f.header.t === '#identity' && f.body.handle === 'alice.b.test')
  const commit = frames.findIndex((f) => f.header.t === '#commit' && f.body.rev === afterRev)
  assert.ok(identity >= 0 && identity < commit, '#identity comes before the commit from b')
  const seqs = frames.map((f) => Number(f.body.seq))
  assert.deepEqual(
    seqs,
    [...seqs].sort((x, y) => x - y),
    'one order',
  )
  assert.equal(await verifyCommits(frames, alice.did, alice.signingKey), afterRev)
})

test('refused: a domain that needs an invite, an owner, a handle taken in b; the account stays whole in a', async () => {
  const carol = await loggedInAccount(t, 'carol.a.test')
  await createAccount(t, 'bob.b.test')
  const api = carol.agent.com.atproto
  assert.deepEqual(await refusal(api.identity.updateHandle({ handle: 'carol.c.test' })), {
    status: 400,
    error: 'UnsupportedDomain',
  })
  assert.deepEqual(await refusal(api.identity.updateHandle({ handle: 'bob.b.test' })), {
    status: 400,
    error: 'HandleNotAvailable',
  })
  const owner = new AtpAgent({ service: t.url })
  await owner.login({ identifier: owners['a.test']?.handle as string, password: owners['a.test']?.password as string })
  const ownerMove = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
    auth: owner.session?.accessJwt,
    body: { handle: 'boss.b.test' },
  })
  assert.equal(ownerMove.status, 400)
  assert.match(String(ownerMove.body.message), /owner of a domain cannot move/)
  assert.equal((await t.ctx.accounts.locate(owner.session?.did as string))?.domain, 'a.test', 'the owner stays')

  // carol is still whole in a, and writes there.
  assert.equal((await t.ctx.accounts.locate(carol.did))?.domain, 'a.test')
  await api.repo.createRecord({ repo: carol.did, collection: 'app.bsky.feed.post', record: post('still here') })
  assert.equal(await t.ctx.storage.read(await dbOf('b.test'), (r) => r.accountCopy.has(carol.did)), false)
  assert.equal(await t.ctx.storage.managementTransactor.moves.get(carol.did), undefined)
})

test('moveAccount: the owners of both domains move it together, the admin key alone; a user or a third owner may not', async () => {
  const dave = await loggedInAccount(t, 'dave.a.test')
  const body = { did: dave.did, handle: 'dave.b.test' }
  const asUser = await xrpc(t.url, 'host.primal.pds.moveAccount', { auth: dave.agent.session?.accessJwt, body })
  assert.equal(asUser.status, 403)
  const ownerOf = async (domain: string) => {
    const agent = new AtpAgent({ service: t.url })
    const owner = owners[domain] as { handle: string; password: string }
    await agent.login({ identifier: owner.handle, password: owner.password })
    return agent.session?.accessJwt
  }
  // The owner of c is neither side of this move.
  const asThird = await xrpc(t.url, 'host.primal.pds.moveAccount', { auth: await ownerOf('c.test'), body })
  assert.equal(asThird.status, 403, JSON.stringify(asThird.body))
  // The owner of a alone consents: nothing moves yet.
  const asOwnerA = await xrpc(t.url, 'host.primal.pds.moveAccount', { auth: await ownerOf('a.test'), body })
  assert.equal(asOwnerA.status, 200, JSON.stringify(asOwnerA.body))
  assert.deepEqual(asOwnerA.body, { did: dave.did, handle: 'dave.a.test', moved: false, awaiting: 'b.test' })
  assert.equal((await t.ctx.accounts.locate(dave.did))?.domain, 'a.test')
  // A consent to another move of the same account does not count for this one.
  const elsewhere = { did: dave.did, handle: 'davey.b.test' }
  const otherMove = await xrpc(t.url, 'host.primal.pds.moveAccount', { auth: await ownerOf('b.test'), body: elsewhere })
  assert.equal(otherMove.body.moved, false, JSON.stringify(otherMove.body))
  // The owner of b consents to the same move: it runs, once.
  const asOwnerB = await xrpc(t.url, 'host.primal.pds.moveAccount', { auth: await ownerOf('b.test'), body })
  assert.equal(asOwnerB.status, 200, JSON.stringify(asOwnerB.body))
  assert.deepEqual(asOwnerB.body, { ...body, moved: true })
  assert.equal((await t.ctx.accounts.locate(dave.did))?.domain, 'b.test')
  // The admin key moves at once, also into a domain that needs invite codes.
  const toC = await xrpc(t.url, 'host.primal.pds.moveAccount', {
    auth: t.adminKey,
    body: { did: dave.did, handle: 'dave.c.test' },
  })
  assert.equal(toC.status, 200, JSON.stringify(toC.body))
  assert.deepEqual(toC.body, { did: dave.did, handle: 'dave.c.test', moved: true })
  await dave.agent.com.atproto.repo.createRecord({
    repo: dave.did,
    collection: 'app.bsky.feed.post',
    record: post('in c'),
  })
})

test('writes racing a move land before its copy or are refused with AccountMoving; none is lost', async () => {
  const erin = await loggedInAccount(t, 'erin.a.test')
  const api = erin.agent.com.atproto
  const writes = Array.from({ length: 12 }, (_, i) =>
    api.repo
      .createRecord({ repo: erin.did, collection: 'app.bsky.feed.post', record: post(`race ${i}`) })
      .then((res) => ({ uri: res.data.uri }))
      .catch((err: { status?: number; error?: string }) => ({ refused: `${err.status} ${err.error}` })),
  )
  // Rows of the account's own beside its repo: app passwords and blobs, raced the same way.
  const refusedAs = (err: { status?: number; error?: string }) => ({ refused: `${err.status} ${err.error}` })
  const appPasswords = Array.from({ length: 6 }, (_, i) =>
    api.server
      .createAppPassword({ name: `race ${i}` })
      .then((res) => ({ name: res.data.name }))
      .catch(refusedAs),
  )
  const blobs = Array.from({ length: 6 }, (_, i) =>
    api.repo
      .uploadBlob(new TextEncoder().encode(`raced blob ${i}`), { encoding: 'text/plain' })
      .then((res) => ({ cid: res.data.blob.ref.toString() }))
      .catch(refusedAs),
  )
  const moved = api.identity.updateHandle({ handle: 'erin.b.test' })
  const results = await Promise.all(writes)
  const passwordResults = await Promise.all(appPasswords)
  const blobResults = await Promise.all(blobs)
  await moved
  for (const r of [...results, ...passwordResults, ...blobResults]) {
    if ('refused' in r) assert.equal(r.refused, '503 AccountMoving')
  }
  const landed = results.flatMap((r) => ('uri' in r ? [r.uri.split('/').slice(-2).join('/')] : []))
  const served = (await repoRecords(erin.did, erin.signingKey)).map((line) => line.split(' ')[0])
  assert.deepEqual(served.sort(), landed.sort(), 'every accepted write is in the repo b serves')
  assert.equal((await t.ctx.accounts.locate(erin.did))?.domain, 'b.test')
  const named = passwordResults.flatMap((r) => ('name' in r ? [r.name] : []))
  const listed = (await api.server.listAppPasswords()).data.passwords.map((p) => p.name)
  assert.deepEqual(listed.sort(), named.sort(), 'every accepted app password is in b')
  for (const r of blobResults) {
    if (!('cid' in r)) continue
    const got = await fetch(`${t.url}/xrpc/com.atproto.sync.getBlob?did=${erin.did}&cid=${r.cid}`)
    assert.equal(got.status, 200, `accepted blob ${r.cid} is served from b`)
  }
})

test('a domain admin that moves itself to another domain arrives there as a user, and manages nothing in it', async () => {
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'frank.a.test', password: 'frank password', role: 'admin' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const frank = new AtpAgent({ service: t.url })
  await frank.login({ identifier: 'frank.a.test', password: 'frank password' })
  const did = made.body.did as string
  const gina = await createAccount(t, 'gina.b.test')
  const asFrank = () => frank.session?.accessJwt
  // An admin of a indeed: it manages a's accounts.
  const inA = await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: asFrank(), params: { domain: 'a.test' } })
  assert.equal(inA.status, 200, JSON.stringify(inA.body))

  await frank.com.atproto.identity.updateHandle({ handle: 'frank.b.test' })

  assert.equal((await t.ctx.accounts.locate(did))?.domain, 'b.test')
  const summary = await t.ctx.storage.read(await dbOf('b.test'), (r) => r.accounts.summary(did))
  assert.equal(summary?.role, 'user', 'its role in b')
  const list = await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: asFrank(), params: { domain: 'b.test' } })
  assert.equal(list.status, 403, JSON.stringify(list.body))
  const takedown = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: asFrank(),
    body: { did: gina.did, status: 'suspended' },
  })
  assert.equal(takedown.status, 403, JSON.stringify(takedown.body))
  const ginaAfter = await t.ctx.storage.read(await dbOf('b.test'), (r) => r.accounts.summary(gina.did))
  assert.equal(ginaAfter?.status, 'active')
})

test('the copy goes in pages: with pages of one row and one byte, every row of the account arrives as it is', async () => {
  const hal = await loggedInAccount(t, 'hal.a.test')
  const api = hal.agent.com.atproto
  for (let i = 0; i < 3; i++) {
    await api.repo.uploadBlob(new Uint8Array(300).fill(i + 1), { encoding: 'image/png' })
    await api.repo.createRecord({ repo: hal.did, collection: 'is.gather.feed.post', record: gatherPost(`g${i}`) })
  }
  await hal.agent.app.bsky.actor.putPreferences({
    preferences: [
      { $type: 'app.bsky.actor.defs#adultContentPref', enabled: true },
      { $type: 'app.bsky.actor.defs#savedFeedsPrefV2', items: [] },
    ],
  })
  const [aDb, bDb] = [await dbOf('a.test'), await dbOf('b.test')]
  const inA = await t.ctx.storage.read(aDb, (r) => r.accountCopy.rows(hal.did))
  for (const table of ['blob', 'repo_block', 'search_doc', 'account_pref'] as const) {
    assert.ok(inA.tables[table].length > 1, `${table} has rows for more than one page`)
  }
  await copyAccount(t.ctx.storage, aDb, bDb, hal.did, {}, { rows: 1, bytes: 1 })
  const inB = await t.ctx.storage.read(bDb, (r) => r.accountCopy.rows(hal.did))
  assert.deepEqual(inB.tables, inA.tables, 'every row, as it is in a')
  // A copy no move switched to is deleted as recovery deletes it; the account stays whole in a.
  await t.ctx.storage.transact(bDb, (tx) => tx.accounts.delete(hal.did))
  assert.equal(await t.ctx.storage.read(bDb, (r) => r.accountCopy.has(hal.did)), false)
  assert.deepEqual((await t.ctx.storage.read(aDb, (r) => r.accountCopy.rows(hal.did))).tables, inA.tables)
})

function gatherPost(text: string) {
  return { $type: 'is.gather.feed.post', text, createdAt: new Date().toISOString() }
}

test('while a move of an account is journalled, deleting it or changing its email second factor waits (503 AccountMoving)', async () => {
  const ivy = await loggedInAccount(t, 'ivy.a.test')
  const [aDb, bDb] = [await dbOf('a.test'), await dbOf('b.test')]
  // A move stopped between its journal and its switch, as a crash leaves it (recovery undoes it later).
  await t.ctx.storage.managementTransactor.moves.begin({
    did: ivy.did,
    from_domain: 'a.test',
    from_db: aDb,
    to_domain: 'b.test',
    to_db: bDb,
    old_handle: 'ivy.a.test',
    new_handle: 'ivy.b.test',
  })
  await t.ctx.storage.write(aDb, (w) => w.accounts.setMoving(ivy.did, new Date().toISOString()))
  try {
    const deleted = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: ivy.did } })
    assert.equal(deleted.status, 503, JSON.stringify(deleted.body))
    assert.equal(deleted.body.error, 'AccountMoving')
    const factor = await xrpc(t.url, 'com.atproto.server.updateEmail', {
      auth: ivy.agent.session?.accessJwt,
      body: { email: 'ivy@a.test', emailAuthFactor: true },
    })
    assert.notEqual(factor.status, 200, 'the second factor cannot change in A under a move')
  } finally {
    await t.ctx.accounts.moves.recover()
  }
  // Undone, the account is whole in a and can go.
  assert.equal((await t.ctx.accounts.locate(ivy.did))?.domain, 'a.test')
  const deleted = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: ivy.did } })
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
})
