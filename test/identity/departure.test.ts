// Noticing an account that moved away: its DID pointed elsewhere with the
// user's own recovery key, at a real PLC directory (on Postgres, so its export
// is there to follow). Once the periodic job or an on-demand check sees it,
// the account is marked moved and deactivated: writes are refused, listRepos
// and the admin views say so, and #account goes out once. It activates again
// only once the DID names this server again.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import * as plcLib from '@did-plc/lib'
import { nextCursor } from '../../src/account/departures.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { FirehoseClient, type Frame } from '../sync/helpers.js'

const DOMAIN = 'leaving.test'
let plc: TestPlc
let t: TestServer
let firehose: FirehoseClient

before(async () => {
  plc = await startPlc({ postgres: true })
  // The job reads the export every second: the periodic test waits for its #account, never sleeps.
  t = await startTestServer({ config: { plcEndpoint: plc.url, plcFollow: { intervalSeconds: 1, pageSize: 50 } } })
  await addDomain(t, DOMAIN)
  firehose = new FirehoseClient(t.url)
  await firehose.opened()
})

after(async () => {
  firehose?.close()
  await t?.close()
  await plc?.close()
})

type Signer = Parameters<typeof plcLib.updatePdsOp>[1]
type User = { did: string; handle: string; agent: AtpAgent; recovery: Secp256k1Keypair; jwt: string }
let counter = 0

async function user(): Promise<User> {
  counter++
  const recovery = await Secp256k1Keypair.create()
  const handle = `nomad${counter}.${DOMAIN}`
  const password = `password number ${counter}`
  const res = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle, password, recoveryKey: recovery.did() },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password })
  return { did: res.body.did as string, handle, agent, recovery, jwt: agent.session?.accessJwt ?? '' }
}

/** Points the DID's PDS at `endpoint` with the user's own recovery key, at the directory (as a new PDS would). */
async function movePds(u: User, endpoint: string): Promise<void> {
  const client = new plcLib.Client(plc.url)
  const last = await client.getLastOp(u.did)
  assert.ok(last.type !== 'plc_tombstone')
  // @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
  await client.sendOperation(u.did, await plcLib.updatePdsOp(last, u.recovery as unknown as Signer, endpoint))
}

/** The #account events that report `did` inactive (its creation reported it active). */
function inactiveEvents(frames: Frame[], did: string): Frame[] {
  return frames.filter(
    (f) => f.header.op === 1 && f.header.t === '#account' && f.body.did === did && f.body.active === false,
  )
}

function post(u: User) {
  return xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: u.jwt,
    body: {
      repo: u.did,
      collection: 'app.bsky.feed.post',
      record: { text: 'hi', createdAt: new Date().toISOString() },
    },
  })
}

/** Another account's write, and its #commit seen: every event sequenced before it has been seen too. */
async function barrier(): Promise<void> {
  const other = await user()
  const res = await post(other)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  await firehose.until((frames) => frames.some((f) => f.header.t === '#commit' && f.body.repo === other.did))
}

async function assertMovedAway(u: User): Promise<void> {
  const write = await post(u)
  assert.deepEqual([write.status, write.body.error], [401, 'AccountDeactivated'], 'no new commit is signed for it')
  const repos = await xrpc(t.url, 'com.atproto.sync.listRepos', { params: { limit: '1000' } })
  const listed = (repos.body.repos as { did: string; active: boolean; status?: string }[]).find((r) => r.did === u.did)
  assert.deepEqual([listed?.active, listed?.status], [false, 'deactivated'])
  const info = await xrpc(t.url, 'com.atproto.admin.getAccountInfo', { auth: t.adminKey, params: { did: u.did } })
  assert.ok(info.body.deactivatedAt, 'getAccountInfo shows it deactivated')
  const accounts = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    auth: t.adminKey,
    params: { domain: DOMAIN, limit: '100' },
  })
  const view = (accounts.body.accounts as { did: string; movedAt?: string }[]).find((a) => a.did === u.did)
  assert.ok(view?.movedAt, 'the account view says it moved')
  const status = await u.agent.com.atproto.server.checkAccountStatus()
  assert.deepEqual([status.data.activated, status.data.validDid], [false, false])
}

test('the periodic check follows the PLC export: a DID moved by its recovery key is marked moved, #account once', async () => {
  const u = await user()
  assert.equal((await post(u)).status, 200)
  await movePds(u, 'https://pds.elsewhere.example')
  await firehose.until((frames) => inactiveEvents(frames, u.did).length > 0, `#account of ${u.did}`)
  const [event] = inactiveEvents(firehose.frames, u.did)
  assert.deepEqual([event?.body.active, event?.body.status], [false, 'deactivated'])
  await assertMovedAway(u)

  // Later runs (the timer's, and one asked for now) do not report it again.
  const run = await xrpc(t.url, 'host.primal.pds.checkIdentity', { auth: t.adminKey, body: {} })
  assert.equal(run.status, 200, JSON.stringify(run.body))
  assert.equal((run.body.export as { moved: string[] }).moved.includes(u.did), false)
  await barrier()
  assert.equal(inactiveEvents(firehose.frames, u.did).length, 1, '#account went out once')
})

test('on demand: checkIdentity {did} marks a moved account; activation waits until the DID names us again', async () => {
  const u = await user()
  const here = await xrpc(t.url, 'host.primal.pds.checkIdentity', { auth: t.adminKey, body: { did: u.did } })
  assert.equal(here.status, 200, JSON.stringify(here.body))
  assert.deepEqual(here.body.account, { did: u.did, namesUs: true, moved: false, newlyMoved: false })

  await movePds(u, 'https://pds.elsewhere.example')
  const checked = await xrpc(t.url, 'host.primal.pds.checkIdentity', { auth: t.adminKey, body: { did: u.did } })
  assert.equal(checked.status, 200, JSON.stringify(checked.body))
  const account = checked.body.account as { namesUs: boolean; moved: boolean; movedAt?: string }
  // The timer may have seen it first; either way it is marked now.
  assert.deepEqual([account.namesUs, account.moved, typeof account.movedAt], [false, true, 'string'])
  await assertMovedAway(u)

  const refused = await xrpc(t.url, 'com.atproto.server.activateAccount', { post: true, auth: u.jwt })
  assert.deepEqual(
    [refused.status, refused.body.message],
    [400, 'DID document atproto_pds service endpoint does not match PDS public url'],
  )
  await movePds(u, t.ctx.config.serviceURL)
  await u.agent.com.atproto.server.activateAccount()
  assert.equal((await post(u)).status, 200, 'it writes again')
  const accounts = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    auth: t.adminKey,
    params: { domain: DOMAIN, limit: '100' },
  })
  const view = (accounts.body.accounts as { did: string; movedAt?: string }[]).find((a) => a.did === u.did)
  assert.equal(view?.movedAt, undefined, 'activation cleared the mark')
  const again = await xrpc(t.url, 'host.primal.pds.checkIdentity', { auth: t.adminKey, body: { did: u.did } })
  assert.deepEqual(again.body.account, { did: u.did, namesUs: true, moved: false, newlyMoved: false })
})

test('a moved account may still deactivate and delete itself', async () => {
  const u = await user()
  await movePds(u, 'https://pds.elsewhere.example')
  await t.ctx.departures.check(await t.ctx.accounts.mustLocate(u.did))
  await u.agent.com.atproto.server.deactivateAccount({})
  assert.equal((await post(u)).body.error, 'AccountDeactivated')
  const deleted = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: u.did } })
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
  assert.equal(await t.ctx.accounts.locate(u.did), undefined)
})

test('an account deleted while a run reads the export (its row gone, its home not yet) holds back no other', async () => {
  const gone = await user()
  const left = await user()
  await movePds(gone, 'https://pds.elsewhere.example')
  await movePds(left, 'https://pds.elsewhere.example')
  await t.ctx.departures.follow()
  await movePds(gone, 'https://pds.elsewhere-again.example')
  await movePds(left, 'https://pds.elsewhere-again.example')
  // Where a delete stands between its two steps: the tenant row removed, the home still there.
  const home = await t.ctx.accounts.mustLocate(gone.did)
  await t.ctx.storage.transact(home.db_name, (tx) => tx.accounts.delete(gone.did))
  try {
    const run = await t.ctx.departures.follow()
    assert.equal(run.busy, false)
    assert.ok(run.ops > 0, 'the run read the new ops')
  } finally {
    await t.ctx.registry.deleteHome(gone.did)
  }
})

test('one process reads the export at a time: while another holds the lease, a run reads nothing', async () => {
  const feed = t.ctx.storage.managementTransactor.plcFollow
  // Another process's lease; the timer's run under way (if any) finishes first.
  await t.ctx.departures.follow()
  const now = new Date()
  let held = await feed.lease('plc_export', 'another-process', now, new Date(now.getTime() + 60_000))
  // The timer may have just taken it again: wait for its run to end, then take it.
  while (!held) {
    await t.ctx.departures.follow()
    held = await feed.lease('plc_export', 'another-process', new Date(), new Date(Date.now() + 60_000))
  }
  const busy = await xrpc(t.url, 'host.primal.pds.checkIdentity', { auth: t.adminKey, body: {} })
  assert.equal((busy.body.export as { busy: boolean }).busy, true)
  await feed.release('plc_export', 'another-process')
  const run = await t.ctx.departures.follow()
  assert.equal(run.busy, false)
  assert.ok(run.cursor, 'the cursor is kept')
})

test('the export is read on from a millisecond before the last op seen, so ops sharing its timestamp are not skipped', () => {
  const start = '2026-12-06T10:00:00.000Z'
  assert.equal(nextCursor(start, '2026-12-06T10:00:05.123Z'), '2026-12-06T10:00:05.122Z')
  // A page all of the cursor's next millisecond moves on to it rather than reading it forever.
  assert.equal(nextCursor(start, '2026-12-06T10:00:00.001Z'), '2026-12-06T10:00:00.001Z')
  assert.equal(nextCursor(start, undefined), start)
})
