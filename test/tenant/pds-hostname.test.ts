// A domain as a PDS host of its own: host.primal.pds.updateDomain sets its
// pdsHostname (admin key only; names that are the service's, another
// tenant's or an account's refused), and the HostSwitches job moves each of
// its accounts there and back: the DID document at a real PLC directory
// names the host's endpoint, the home says the host, #identity and #sync go
// out on the host's stream, and following the PLC export does not take the
// switch for a departure. A directory that refuses or cannot be reached
// leaves the account where it was until a later run.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Secp256k1Keypair } from '@atproto/crypto'
import * as plcLib from '@did-plc/lib'
import type { HostSwitches, SwitchReport } from '../../src/account/host-switches.js'
import { PlcClient } from '../../src/identity/plc-client.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { type PlcGate, startPlc, startPlcGate, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const FAST_RETRY = { attempts: 2, initialDelayMs: 10, maxDelayMs: 20 }

let plc: TestPlc
let gate: PlcGate
let t: TestServer
before(async () => {
  // The Postgres directory: the in-memory one has no export for the departures follower to read.
  plc = await startPlc({ postgres: true })
  gate = await startPlcGate(plc.url)
  t = await startTestServer({
    localhostUrl: true,
    config: { plcEndpoint: gate.url, plcRetry: FAST_RETRY, plcFollow: { intervalSeconds: 0 } },
  })
})
after(async () => {
  await t?.close()
  await gate?.close()
  await plc?.close()
})

function switches(): HostSwitches {
  const job = t.ctx.jobs.find((j) => j.name === 'host-switches')
  assert.ok(job, 'the host-switches job is listed')
  return job as HostSwitches
}

/** What a domain host's endpoint is on this test server (the service URL's scheme and port). */
function endpointOf(host: string): string {
  return `http://${host}:${new URL(t.ctx.config.serviceURL).port}`
}

/** The atproto_pds endpoint a stored PLC op names. */
function endpointIn(op: unknown): string | undefined {
  return (op as { services?: { atproto_pds?: { endpoint?: string } } } | undefined)?.services?.atproto_pds?.endpoint
}

function updateDomain(body: Record<string, unknown>, auth = t.adminKey) {
  return xrpc(t.url, 'host.primal.pds.updateDomain', { auth, body })
}

async function login(identifier: string, password: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.accessJwt as string
}

async function post(auth: string, did: string, text: string): Promise<void> {
  const res = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth,
    body: {
      repo: did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
    },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

/** The firehose events of `did` after `afterSeq`, once at least `count` are sequenced (polled, with a deadline). */
async function eventsOf(did: string, count: number, afterSeq = 0) {
  const deadline = Date.now() + 15_000
  for (;;) {
    const rows = await t.ctx.storage.management
      .selectFrom('firehose_event')
      .select(['seq', 'kind', 'host'])
      .where('did', '=', did)
      .where('seq', '>', String(afterSeq))
      .orderBy('seq')
      .execute()
    if (rows.length >= count) return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, host: r.host }))
    if (Date.now() > deadline) assert.fail(`only ${rows.length} of ${count} events of ${did} were sequenced`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function lastSeq(): Promise<number> {
  const row = await t.ctx.storage.management
    .selectFrom('firehose_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst()
  return Number(row?.seq ?? 0)
}

async function runSwitches(): Promise<SwitchReport> {
  const report = await switches().runOnce()
  assert.equal(report.busy, false)
  return report
}

test('updateDomain sets pdsHostname and the firehose pace with the admin key only, and refuses names in use', async () => {
  const alpha = await addDomain(t, 'alpha-v.test')
  await addDomain(t, 'beta-v.test')
  await createAccount(t, 'bob.alpha-v.test')
  const owner = await login(alpha.owner.handle, alpha.owner.password)

  for (const field of [{ pdsHostname: 'pds-v.test' }, { firehoseEventsPerSecond: 40 }]) {
    const refused = await updateDomain({ domain: 'alpha-v.test', ...field }, owner)
    assert.equal(refused.status, 401, JSON.stringify(refused.body))
    assert.match(String(refused.body.message), new RegExp(Object.keys(field)[0] as string))
  }

  const inUse = async (pdsHostname: string, pattern: RegExp) => {
    const res = await updateDomain({ domain: 'alpha-v.test', pdsHostname })
    assert.equal(res.status, 400, `${pdsHostname}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, 'HostnameInUse', pdsHostname)
    assert.match(String(res.body.message), pattern)
  }
  await inUse('localhost', /service's own host/)
  await inUse('beta-v.test', /is another domain/)
  await inUse('pds.beta-v.test', /under another domain, beta-v.test/)
  await inUse('bob.alpha-v.test', /as its handle/)
  const bad = await updateDomain({ domain: 'alpha-v.test', pdsHostname: 'not a hostname' })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error, 'InvalidRequest')

  const beta = await updateDomain({ domain: 'beta-v.test', pdsHostname: 'PDS-B.test.' })
  assert.equal(beta.status, 200, JSON.stringify(beta.body))
  assert.equal((beta.body.domain as { pdsHostname: string }).pdsHostname, 'pds-b.test')
  await inUse('pds-b.test', /Another domain's PDS host/)

  const set = await updateDomain({ domain: 'alpha-v.test', pdsHostname: 'pds-v.test', firehoseEventsPerSecond: 40 })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  const view = set.body.domain as Record<string, unknown>
  assert.equal(view.pdsHostname, 'pds-v.test')
  assert.equal(view.firehoseEventsPerSecond, 40)
  // The owner and bob are not on the new host yet.
  assert.equal(view.hostAccountsPending, 2)
  // The same value again changes nothing.
  const again = await updateDomain({ domain: 'alpha-v.test', pdsHostname: 'pds-v.test' })
  assert.equal(again.status, 200)
  assert.equal((again.body.domain as { hostAccountsPending: number }).hostAccountsPending, 2)

  const listed = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: t.adminKey })
  const listedAlpha = (listed.body.domains as Record<string, unknown>[]).find((d) => d.name === 'alpha-v.test')
  assert.deepEqual(
    [listedAlpha?.pdsHostname, listedAlpha?.firehoseEventsPerSecond, listedAlpha?.hostAccountsPending],
    ['pds-v.test', 40, 2],
  )

  // The owner may still change the domain's other settings.
  const ownerChange = await updateDomain({ domain: 'alpha-v.test', inviteRequired: true }, owner)
  assert.equal(ownerChange.status, 200, JSON.stringify(ownerChange.body))
  // Defaults: the pace goes, the host stays.
  const reset = await updateDomain({ domain: 'alpha-v.test', resetToDefaults: true })
  assert.equal(reset.status, 200, JSON.stringify(reset.body))
  const resetView = reset.body.domain as Record<string, unknown>
  assert.equal(resetView.pdsHostname, 'pds-v.test')
  assert.equal(resetView.firehoseEventsPerSecond, undefined)

  // Switched (and back) so these domains do not stay in the way of the next tests' runs.
  await runSwitches()
  for (const domain of ['alpha-v.test', 'beta-v.test']) {
    assert.equal((await updateDomain({ domain, pdsHostname: '' })).status, 200)
  }
  await runSwitches()
  assert.equal(await t.ctx.registry.countOffHost('alpha-v.test', null), 0)
})

test("a domain's accounts switch to its PDS host and back: DID documents, homes and firehose events follow", async () => {
  const alpha = await addDomain(t, 'alpha.test')
  const other = await addDomain(t, 'other.test')
  const bob = await createAccount(t, 'bob.alpha.test')
  const carol = await createAccount(t, 'carol.alpha.test')
  const accounts = [alpha.owner, bob, carol]
  const bobAuth = await login(bob.handle, bob.password)
  await post(bobAuth, bob.did, 'before the switch')
  const otherAuth = await login(other.owner.handle, other.owner.password)

  const before = await lastSeq()
  const set = await updateDomain({ domain: 'alpha.test', pdsHostname: 'pds-a.test' })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  await runSwitches()

  const hostEndpoint = endpointOf('pds-a.test')
  for (const a of accounts) {
    assert.equal((await plc.data(a.did))?.services.atproto_pds?.endpoint, hostEndpoint, a.handle)
    const home = await t.ctx.registry.findHome('did', a.did)
    assert.equal(home?.pds_host, 'pds-a.test', a.handle)
    assert.equal(home?.pds_host_announce, false, a.handle)
    // The op is logged as the account's latest, as a handle change's is.
    const { row, logged } = await t.ctx.storage.read(home?.db_name as string, async (r) => ({
      row: await r.accounts.get(a.did),
      logged: await r.plc.latest(a.did),
    }))
    assert.equal(endpointIn(row?.plc_op), hostEndpoint, a.handle)
    assert.equal(endpointIn(logged?.op), hostEndpoint, a.handle)
    assert.ok(logged?.published_at, 'the op is logged as published')
    const events = await eventsOf(a.did, 2, before)
    assert.deepEqual(
      events.slice(-2).map((e) => [e.kind, e.host]),
      [
        ['identity', 'pds-a.test'],
        ['sync', 'pds-a.test'],
      ],
      a.handle,
    )
  }
  assert.equal(await t.ctx.registry.countOffHost('alpha.test', 'pds-a.test'), 0)

  // Later writes go out on the host; another domain's stay on the service host.
  const afterSwitch = await lastSeq()
  await post(bobAuth, bob.did, 'on the new host')
  await post(otherAuth, other.owner.did, 'still on the service host')
  assert.deepEqual(
    (await eventsOf(bob.did, 1, afterSwitch)).map((e) => [e.kind, e.host]),
    [['commit', 'pds-a.test']],
  )
  assert.deepEqual(
    (await eventsOf(other.owner.did, 1, afterSwitch)).map((e) => [e.kind, e.host]),
    [['commit', null]],
  )

  // The export shows each DID naming another endpoint: one of ours, so nobody left.
  const followed = await t.ctx.departures.runOnce()
  assert.equal(followed.busy, false)
  assert.ok(followed.ops >= accounts.length, `the export was read: ${JSON.stringify(followed)}`)
  assert.deepEqual(followed.moved, [])
  for (const a of accounts) {
    const located = await t.ctx.accounts.mustLocate(a.did)
    assert.equal((await t.ctx.accounts.summary(located)).moved_at, null, a.handle)
    // activateAccount's check takes the host's endpoint.
    await t.ctx.accounts.assertHostedHere(located)
  }

  // A new account of the domain is born on the host.
  const dave = await createAccount(t, 'dave.alpha.test')
  assert.equal((await plc.data(dave.did))?.services.atproto_pds?.endpoint, hostEndpoint)
  assert.equal((await t.ctx.registry.findHome('did', dave.did))?.pds_host, 'pds-a.test')
  const daveAuth = await login(dave.handle, dave.password)
  const recommended = await xrpc(t.url, 'com.atproto.identity.getRecommendedDidCredentials', { auth: daveAuth })
  assert.equal(recommended.status, 200, JSON.stringify(recommended.body))
  assert.equal((recommended.body.services as { atproto_pds: { endpoint: string } }).atproto_pds.endpoint, hostEndpoint)

  // Back to the service host: all of it returns.
  const beforeBack = await lastSeq()
  const back = await updateDomain({ domain: 'alpha.test', pdsHostname: '' })
  assert.equal(back.status, 200, JSON.stringify(back.body))
  assert.equal((back.body.domain as { pdsHostname?: string }).pdsHostname, undefined)
  await runSwitches()
  for (const a of [...accounts, dave]) {
    assert.equal((await plc.data(a.did))?.services.atproto_pds?.endpoint, t.ctx.config.serviceURL, a.handle)
    const home = await t.ctx.registry.findHome('did', a.did)
    assert.deepEqual([home?.pds_host, home?.pds_host_announce], [null, false], a.handle)
    assert.deepEqual(
      (await eventsOf(a.did, 2, beforeBack)).slice(-2).map((e) => [e.kind, e.host]),
      [
        ['identity', null],
        ['sync', null],
      ],
      a.handle,
    )
  }
  assert.deepEqual((await t.ctx.departures.runOnce()).moved, [])
  // Nothing is left to do: a run finds every account where it belongs.
  assert.deepEqual((await runSwitches()).switched, [])
})

test('a directory that refuses the op or cannot be reached leaves the account on its host until a later run', async () => {
  const gamma = await addDomain(t, 'gamma.test')
  const erin = await createAccount(t, 'erin.gamma.test')
  const dids = [gamma.owner.did, erin.did]
  try {
    gate.mode = 'refuse'
    assert.equal((await updateDomain({ domain: 'gamma.test', pdsHostname: 'pds-g.test' })).status, 200)
    const refused = await runSwitches()
    assert.deepEqual(refused.failed.map((f) => f.did).sort(), [...dids].sort())
    assert.match(refused.failed[0]?.error ?? '', /refused/)
    for (const did of dids) {
      assert.equal((await plc.data(did))?.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
      assert.equal((await t.ctx.registry.findHome('did', did))?.pds_host, null)
    }
    assert.equal(await t.ctx.registry.countOffHost('gamma.test', 'pds-g.test'), 2)

    gate.mode = 'down'
    const down = await runSwitches()
    assert.deepEqual(down.failed.map((f) => f.did).sort(), [...dids].sort())
    assert.match(down.failed[0]?.error ?? '', /could not be reached/)
    assert.equal((await t.ctx.registry.findHome('did', erin.did))?.pds_host, null)
  } finally {
    gate.mode = 'pass'
  }
  const later = await runSwitches()
  assert.deepEqual(later.switched.sort(), [...dids].sort())
  for (const did of dids) {
    assert.equal((await plc.data(did))?.services.atproto_pds?.endpoint, endpointOf('pds-g.test'))
    assert.equal((await t.ctx.registry.findHome('did', did))?.pds_host, 'pds-g.test')
  }
  assert.equal(await t.ctx.registry.countOffHost('gamma.test', 'pds-g.test'), 0)
})

test('an account whose DID our rotation key can no longer change is left where it is; the others switch', async () => {
  const delta = await addDomain(t, 'delta.test')
  const frank = await createAccount(t, 'frank.delta.test')
  // Frank's DID takes another rotation key in place of ours (as a user's own recovery key could).
  const directory = new PlcClient(plc.url, FAST_RETRY)
  const last = await directory.lastOp(frank.did)
  assert.ok(last && last.type !== 'plc_tombstone')
  const other = await Secp256k1Keypair.create()
  const signer = t.ctx.plcRotationKey as unknown as Parameters<typeof plcLib.createUpdateOp>[1]
  await directory.submit(
    frank.did,
    await plcLib.createUpdateOp(last, signer, (old) => ({ ...old, rotationKeys: [other.did()] })),
  )

  assert.equal((await updateDomain({ domain: 'delta.test', pdsHostname: 'pds-d.test' })).status, 200)
  for (let run = 0; run < 2; run++) {
    const report = await runSwitches()
    assert.deepEqual(report.skipped, [frank.did], `run ${run}`)
    assert.deepEqual(report.failed, [])
  }
  assert.equal((await plc.data(delta.owner.did))?.services.atproto_pds?.endpoint, endpointOf('pds-d.test'))
  assert.equal((await plc.data(frank.did))?.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
  assert.equal((await t.ctx.registry.findHome('did', frank.did))?.pds_host, null)
  assert.equal(await t.ctx.registry.countOffHost('delta.test', 'pds-d.test'), 1)

  // Back on the service host, frank is where he belongs again.
  assert.equal((await updateDomain({ domain: 'delta.test', pdsHostname: '' })).status, 200)
  // (The change wakes the job: this run may find it done already.)
  await runSwitches()
  assert.equal((await plc.data(delta.owner.did))?.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
  assert.equal((await t.ctx.registry.findHome('did', delta.owner.did))?.pds_host, null)
  assert.equal(await t.ctx.registry.countOffHost('delta.test', null), 0)
})

test('an account whose DID already names another PDS is not pointed back at us by a switch', async () => {
  const echo = await addDomain(t, 'echo.test')
  const gone = await createAccount(t, 'gone.echo.test')
  // Gone left for another PDS, our rotation key still listed; the departures check has not seen it yet.
  const directory = new PlcClient(plc.url, FAST_RETRY)
  const last = await directory.lastOp(gone.did)
  assert.ok(last && last.type !== 'plc_tombstone')
  const signer = t.ctx.plcRotationKey as unknown as Parameters<typeof plcLib.createUpdateOp>[1]
  await directory.submit(
    gone.did,
    await plcLib.createUpdateOp(last, signer, (old) => ({
      ...old,
      services: { atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint: 'https://elsewhere.example.com' } },
    })),
  )

  assert.equal((await updateDomain({ domain: 'echo.test', pdsHostname: 'pds-e.test' })).status, 200)
  const report = await runSwitches()
  assert.deepEqual(report.skipped, [gone.did])
  assert.equal((await plc.data(gone.did))?.services.atproto_pds?.endpoint, 'https://elsewhere.example.com')
  assert.equal((await plc.data(echo.owner.did))?.services.atproto_pds?.endpoint, endpointOf('pds-e.test'))
  assert.equal((await t.ctx.registry.findHome('did', gone.did))?.pds_host, null, 'its events stay where they were')
})
