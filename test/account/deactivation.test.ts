// Deactivation as a user does it through @atproto/api, checked against the
// official PDS's answers: a deactivated account's repo answers
// RepoDeactivated, takes no writes (AccountDeactivated), still logs in (with
// `active: false, status: deactivated`), and #account tells relays;
// activation sends #account, #identity and a #sync of the current commit (as
// the official PDS does), and restores everything. Moderation ranks above
// deactivation: a taken-down account stays taken down whichever is lifted first.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { AtpAgent } from '@atproto/api'
import { type Cid, parseCid } from '@atproto/lex-data'
import { type Commit, readCarWithRoot, verifyCommitSig } from '@atproto/repo'
import * as dagCbor from '@ipld/dag-cbor'
import { adminAgent, loggedIn, refusal } from '../admin/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { carBytes, loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient, type Frame } from '../sync/helpers.js'

const PASSWORD = 'correct horse battery'
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
const POST = 'app.bsky.feed.post'

let t: TestServer
let admin: AtpAgent

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'deact.test')
  admin = adminAgent(t)
})
after(() => t?.close())

const repoRef = (did: string) => ({ $type: 'com.atproto.admin.defs#repoRef', did })
const isEvent = (type: string, did: string) => (f: Frame) => f.header.t === type && (f.body.did ?? f.body.repo) === did

/** The frames of `did` received after the first `skip`, once `predicate` finds one. */
async function nextEvent(hose: FirehoseClient, skip: number, type: string, did: string, what: string): Promise<Frame> {
  const match = isEvent(type, did)
  await hose.until((fs) => fs.slice(skip).some(match), what)
  return hose.frames.slice(skip).find(match) as Frame
}

/** Every read a relay or client makes of the repo: the XRPC error each answers (undefined: served). */
async function readErrors(
  did: string,
  rkey: string,
  blob: string,
  auth?: string,
): Promise<Record<string, string | undefined>> {
  const calls: [string, Record<string, string>][] = [
    ['com.atproto.sync.getRepo', { did }],
    ['com.atproto.sync.getLatestCommit', { did }],
    ['com.atproto.sync.getRecord', { did, collection: POST, rkey }],
    ['com.atproto.sync.getBlob', { did, cid: blob }],
    ['com.atproto.sync.listBlobs', { did }],
    ['com.atproto.repo.getRecord', { repo: did, collection: POST, rkey }],
    ['com.atproto.repo.listRecords', { repo: did, collection: POST }],
    ['com.atproto.repo.describeRepo', { repo: did }],
  ]
  const out: Record<string, string | undefined> = {}
  for (const [nsid, params] of calls) {
    const res = await xrpc(t.url, nsid, { params, auth })
    out[nsid] = res.status === 200 ? undefined : `${res.status} ${String(res.body.error)}`
  }
  return out
}

async function postWithBlob(account: TestAccount) {
  const uploaded = await account.agent.com.atproto.repo.uploadBlob(PNG, { encoding: 'image/png' })
  const embed = { $type: 'app.bsky.embed.images', images: [{ image: uploaded.data.blob, alt: 'x' }] }
  const created = await account.agent.com.atproto.repo.createRecord({
    repo: account.did,
    collection: POST,
    record: post('with a picture', { embed }),
  })
  return { rkey: created.data.uri.split('/').pop() as string, blob: uploaded.data.blob.ref.toString() }
}

/** Every write method, as the account itself calls it: the error each is refused with (undefined: accepted). */
async function writeErrors(account: TestAccount, rkey: string): Promise<Record<string, string | undefined>> {
  const { agent, did } = account
  const attempts: Record<string, () => Promise<unknown>> = {
    createRecord: () => agent.com.atproto.repo.createRecord({ repo: did, collection: POST, record: post('new') }),
    putRecord: () => agent.com.atproto.repo.putRecord({ repo: did, collection: POST, rkey, record: post('changed') }),
    deleteRecord: () => agent.com.atproto.repo.deleteRecord({ repo: did, collection: POST, rkey: 'absent' }),
    applyWrites: () =>
      agent.com.atproto.repo.applyWrites({
        repo: did,
        writes: [{ $type: 'com.atproto.repo.applyWrites#create', collection: POST, value: post('batch') }],
      }),
  }
  const out: Record<string, string | undefined> = {}
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      await attempt()
      out[name] = undefined
    } catch (err) {
      const { status, error } = await refusal(Promise.reject(err))
      out[name] = `${status} ${error}`
    }
  }
  return out
}

test('a deactivated account is not served, takes no writes, still logs in, and is reported; activation restores it', async () => {
  const account = await loggedInAccount(t, 'quiet.deact.test')
  const { did, agent } = account
  const { rkey, blob } = await postWithBlob(account)
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  try {
    const seen = hose.frames.length
    const deleteAfter = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString()
    await agent.com.atproto.server.deactivateAccount({ deleteAfter })

    const off = await nextEvent(hose, seen, '#account', did, '#account deactivated')
    assert.deepEqual(off.body, { did, active: false, status: 'deactivated', seq: off.body.seq, time: off.body.time })

    // Every read answers RepoDeactivated, as the official PDS's sync reads do.
    const refused = await readErrors(did, rkey, blob)
    for (const [nsid, error] of Object.entries(refused)) assert.equal(error, '400 RepoDeactivated', nsid)
    // The account itself and an operator still read its repo through the sync API, as the official PDS lets them.
    const syncReads = (errors: Record<string, string | undefined>) =>
      Object.entries(errors).filter(([nsid]) => nsid.startsWith('com.atproto.sync.'))
    const own = await readErrors(did, rkey, blob, agent.session?.accessJwt)
    for (const [nsid, error] of syncReads(own)) assert.equal(error, undefined, `${nsid}, read by the account`)
    const byAdmin = await readErrors(did, rkey, blob, t.adminKey)
    for (const [nsid, error] of syncReads(byAdmin)) assert.equal(error, undefined, `${nsid}, read by an operator`)
    const other = await loggedInAccount(t, 'reader.deact.test')
    const byOther = await readErrors(did, rkey, blob, other.agent.session?.accessJwt)
    for (const [nsid, error] of Object.entries(byOther))
      assert.equal(error, '400 RepoDeactivated', `${nsid}, by another`)
    const forged = await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did }, auth: 'not-a-token' })
    assert.deepEqual([forged.status, forged.body.error], [400, 'InvalidToken'])

    const status = await agent.com.atproto.sync.getRepoStatus({ did })
    assert.deepEqual(status.data, { did, active: false, status: 'deactivated' })
    const listed = await agent.com.atproto.sync.listRepos({ limit: 1000 })
    const entry = listed.data.repos.find((r) => r.did === did)
    assert.deepEqual([entry?.active, entry?.status], [false, 'deactivated'])

    // No write lands, with the official PDS's error.
    const writes = await writeErrors(account, rkey)
    for (const [name, error] of Object.entries(writes)) assert.equal(error, '401 AccountDeactivated', name)

    // Its sessions go on, and it can log in again: each says it is deactivated.
    const session = await agent.com.atproto.server.getSession()
    assert.deepEqual([session.data.active, session.data.status], [false, 'deactivated'])
    const again = await loggedIn(t, account.handle, PASSWORD)
    const login = await again.com.atproto.server.createSession({ identifier: account.handle, password: PASSWORD })
    assert.deepEqual([login.data.active, login.data.status], [false, 'deactivated'])
    const refreshed = await xrpc(t.url, 'com.atproto.server.refreshSession', {
      post: true,
      auth: login.data.refreshJwt,
    })
    assert.deepEqual([refreshed.body.active, refreshed.body.status], [false, 'deactivated'])

    const checked = await agent.com.atproto.server.checkAccountStatus()
    assert.equal(checked.data.activated, false)
    assert.equal(checked.data.validDid, true)

    // Operators see when it was deactivated.
    const info = await admin.com.atproto.admin.getAccountInfo({ did })
    assert.ok(info.data.deactivatedAt && Date.parse(info.data.deactivatedAt) <= Date.now())
    const hosted = await xrpc(t.url, 'host.primal.pds.listAccounts', {
      auth: t.adminKey,
      params: { domain: 'deact.test', limit: '100' },
    })
    const view = (hosted.body.accounts as { did: string; status: string; deactivatedAt?: string }[]).find(
      (a) => a.did === did,
    )
    assert.deepEqual([view?.status, view?.deactivatedAt], ['active', info.data.deactivatedAt])
    const subject = await admin.com.atproto.admin.getSubjectStatus({ did })
    assert.deepEqual([subject.data.deactivated, subject.data.takedown], [{ applied: true }, { applied: false }])

    const beforeActivation = hose.frames.length
    await again.com.atproto.server.activateAccount()
    // As the official PDS: #account active, #identity with the handle, #sync of the current commit, in that order.
    const on = await nextEvent(hose, beforeActivation, '#account', did, '#account active')
    const identity = await nextEvent(hose, beforeActivation, '#identity', did, '#identity')
    const sync = await nextEvent(hose, beforeActivation, '#sync', did, '#sync')
    assert.deepEqual([on.body.active, on.body.status], [true, undefined])
    assert.equal(identity.body.handle, account.handle)
    assert.deepEqual([on.body.seq, identity.body.seq, sync.body.seq].map(Number), [
      Number(on.body.seq),
      Number(on.body.seq) + 1,
      Number(on.body.seq) + 2,
    ])
    await assertSyncIsCurrentCommit(account, sync)

    for (const [nsid, error] of Object.entries(await readErrors(did, rkey, blob))) assert.equal(error, undefined, nsid)
    assert.deepEqual((await agent.com.atproto.sync.getRepoStatus({ did })).data.active, true)
    const activeSession = await agent.com.atproto.server.getSession()
    assert.deepEqual([activeSession.data.active, activeSession.data.status], [true, undefined])
    assert.equal((await admin.com.atproto.admin.getAccountInfo({ did })).data.deactivatedAt, undefined)
    assert.equal((await agent.com.atproto.server.checkAccountStatus()).data.activated, true)

    // Writes land again, and the next #commit follows on from the #sync.
    const beforeWrite = hose.frames.length
    await agent.com.atproto.repo.createRecord({ repo: did, collection: POST, record: post('back') })
    const commit = await nextEvent(hose, beforeWrite, '#commit', did, '#commit after activation')
    assert.equal(commit.body.since, sync.body.rev)
  } finally {
    hose.close()
  }
})

/** The #sync's CAR holds the repo's current commit, signed with the account's key, at the rev the event names. */
async function assertSyncIsCurrentCommit(account: TestAccount, sync: Frame): Promise<void> {
  const latest = await account.agent.com.atproto.sync.getLatestCommit({ did: account.did })
  const car = await readCarWithRoot(sync.body.blocks as Uint8Array)
  assert.equal(car.root.toString(), latest.data.cid)
  assert.equal(sync.body.rev, latest.data.rev)
  const bytes = car.blocks.get(car.root as Cid)
  assert.ok(bytes, 'the CAR holds the commit block')
  const commit = dagCbor.decode(bytes) as Commit
  assert.equal(commit.did, account.did)
  assert.equal(commit.rev, latest.data.rev)
  assert.ok(await verifyCommitSig(commit, account.signingKey), 'the commit is signed with the account key')
}

test('writes racing a deactivation land before its #account event or are refused, never after or with a 500', async () => {
  const account = await loggedInAccount(t, 'racing.deact.test')
  const { did, agent } = account
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  try {
    const seen = hose.frames.length
    // Plain posts commit without the repo lock; the agent platform's posts are indexed, so they take it.
    const write = (i: number) =>
      agent.com.atproto.repo
        .createRecord({
          repo: did,
          collection: i % 2 ? POST : 'is.gather.feed.post',
          record: i % 2 ? post(`race ${i}`) : { text: `race ${i}`, createdAt: new Date().toISOString() },
        })
        .then(
          (r) => ({ ok: r.data.uri }),
          async (err) => ({ refused: await refusal(Promise.reject(err)) }),
        )
    const writes = Array.from({ length: 16 }, (_, i) => write(i))
    const [results] = await Promise.all([Promise.all(writes), agent.com.atproto.server.deactivateAccount({})])
    const refused = results.flatMap((r) => ('refused' in r ? [r.refused] : []))
    for (const r of refused) assert.deepEqual(r, { status: 401, error: 'AccountDeactivated' })
    const accepted = results.length - refused.length

    const off = await nextEvent(hose, seen, '#account', did, '#account deactivated')
    const commits = () => hose.frames.slice(seen).filter(isEvent('#commit', did))
    await hose.until(() => commits().length >= accepted, 'every accepted commit')
    assert.equal(commits().length, accepted, 'one #commit per accepted write')
    for (const f of commits()) assert.ok(Number(f.body.seq) < Number(off.body.seq), 'a commit came after #account')
    const latest = await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did }, auth: t.adminKey })
    const last = commits().at(-1)
    if (last) assert.equal(last.body.rev, latest.body.rev, 'no commit landed after the deactivation')
  } finally {
    hose.close()
  }
})

test("a deactivated account's posts leave search until it is activated again", async () => {
  const account = await loggedInAccount(t, 'searched.deact.test')
  const created = await account.agent.com.atproto.repo.createRecord({
    repo: account.did,
    collection: 'is.gather.feed.post',
    record: { $type: 'is.gather.feed.post', text: 'quokka lighthouse', createdAt: new Date().toISOString() },
  })
  const found = async () => {
    const res = await xrpc(t.url, 'is.gather.feed.searchPosts', { params: { q: 'quokka' } })
    return (res.body.posts as { uri: string }[]).map((p) => p.uri)
  }
  assert.deepEqual(await found(), [created.data.uri])
  await account.agent.com.atproto.server.deactivateAccount({})
  assert.deepEqual(await found(), [])
  await account.agent.com.atproto.server.activateAccount()
  assert.deepEqual(await found(), [created.data.uri])
})

test('checkAccountStatus counts what the repo holds, as getRepo serves it', async () => {
  const account = await loggedInAccount(t, 'counted.deact.test')
  await postWithBlob(account)
  await account.agent.com.atproto.repo.createRecord({ repo: account.did, collection: POST, record: post('two') })
  const status = await account.agent.com.atproto.server.checkAccountStatus()
  const latest = await account.agent.com.atproto.sync.getLatestCommit({ did: account.did })
  const car = await readCarWithRoot(
    await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${account.did}`)),
  )
  const listed = await account.agent.com.atproto.repo.listRecords({ repo: account.did, collection: POST })
  assert.deepEqual(status.data, {
    activated: true,
    validDid: true,
    repoCommit: latest.data.cid,
    repoRev: latest.data.rev,
    repoBlocks: car.blocks.size,
    indexedRecords: listed.data.records.length,
    privateStateValues: 0,
    expectedBlobs: 1,
    importedBlobs: 1,
  })
  assert.equal(parseCid(status.data.repoCommit).toString(), car.root.toString())
})

test('takedown ranks above deactivation, whichever comes first or is lifted first', async () => {
  const account = await loggedInAccount(t, 'held.deact.test')
  const { did } = account
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  const reported = async (skip: number, what: string) => {
    const f = await nextEvent(hose, skip, '#account', did, what)
    return f.body.status ?? 'active'
  }
  const repoStatus = async () => (await xrpc(t.url, 'com.atproto.sync.getRepoStatus', { params: { did } })).body.status
  try {
    // Deactivated by its owner, then taken down: reported and served as taken down.
    let seen = hose.frames.length
    await account.agent.com.atproto.server.deactivateAccount({})
    assert.equal(await reported(seen, '#account deactivated by its owner'), 'deactivated')
    seen = hose.frames.length
    await admin.com.atproto.admin.updateSubjectStatus({ subject: repoRef(did), takedown: { applied: true } })
    assert.equal(await reported(seen, '#account takendown'), 'takendown')
    assert.equal(await repoStatus(), 'takendown')
    const read = await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did } })
    assert.equal(read.body.error, 'RepoTakendown')
    // It cannot log in to activate itself, and an operator's activation is refused while it is taken down.
    assert.equal((await refusal(loggedIn(t, account.handle, PASSWORD))).error, 'AccountTakedown')
    const activation = admin.com.atproto.admin.updateSubjectStatus({
      subject: repoRef(did),
      deactivated: { applied: false },
    })
    assert.equal((await refusal(activation)).status, 400)

    // The takedown lifted, it is deactivated still.
    seen = hose.frames.length
    await admin.com.atproto.admin.updateSubjectStatus({ subject: repoRef(did), takedown: { applied: false } })
    assert.equal(await reported(seen, '#account deactivated'), 'deactivated')
    assert.equal(await repoStatus(), 'deactivated')

    // Taken down while deactivated, then activated by an operator: still taken down.
    seen = hose.frames.length
    await admin.com.atproto.admin.updateSubjectStatus({ subject: repoRef(did), takedown: { applied: true } })
    assert.equal(await reported(seen, '#account takendown again'), 'takendown')
    seen = hose.frames.length
    await admin.com.atproto.admin.updateSubjectStatus({
      subject: repoRef(did),
      takedown: { applied: false },
      deactivated: { applied: false },
    })
    await hose.until((fs) => fs.slice(seen).some(isEvent('#sync', did)), '#sync on activation')
    assert.equal((await admin.com.atproto.admin.getSubjectStatus({ did })).data.deactivated?.applied, false)
    assert.equal(await repoStatus(), undefined)
    const session = await loggedIn(t, account.handle, PASSWORD)
    await session.com.atproto.repo.createRecord({ repo: did, collection: POST, record: post('back') })

    // An operator deactivates, and the account itself activates again.
    seen = hose.frames.length
    await admin.com.atproto.admin.updateSubjectStatus({ subject: repoRef(did), deactivated: { applied: true } })
    assert.equal(await reported(seen, '#account deactivated by an operator'), 'deactivated')
    await session.com.atproto.server.activateAccount()
    assert.equal(await repoStatus(), undefined)
  } finally {
    hose.close()
  }
})

test('bad input to deactivateAccount is a clear 400; each method needs a session', async () => {
  const account = await loggedInAccount(t, 'careful.deact.test')
  const bad = await xrpc(t.url, 'com.atproto.server.deactivateAccount', {
    post: true,
    auth: account.agent.session?.accessJwt,
    body: { deleteAfter: 'next tuesday' },
  })
  assert.deepEqual([bad.status, bad.body.error], [400, 'InvalidRequest'])
  assert.equal(typeof bad.body.message, 'string')
  assert.equal((await account.agent.com.atproto.sync.getRepoStatus({ did: account.did })).data.active, true)
  for (const nsid of ['deactivateAccount', 'activateAccount']) {
    const res = await xrpc(t.url, `com.atproto.server.${nsid}`, { post: true, body: {} })
    assert.equal(res.status, 401, nsid)
  }
  const res = await xrpc(t.url, 'com.atproto.server.checkAccountStatus', {})
  assert.equal(res.status, 401)
})
