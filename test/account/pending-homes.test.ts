// A create killed between reserving its handle and confirming it leaves a
// pending route. A retry of the create finishes it (the account made it) or
// clears it (it did not) at once, without waiting for a start-up sweep, and
// never takes a reservation from a create still under way.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { atprotoKey, registerAgent } from '../agents/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { type Backend, startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const PASSWORD = 'a good password'

/** What a create killed after reserving leaves: a pending route to a DID with no tenant row. */
async function crashedReservation(t: TestServer, handle: string, ageMs: number, email: string | null = null) {
  const did = `did:plc:${Math.random().toString(36).slice(2).padEnd(24, 'a').slice(0, 24)}`
  await t.ctx.storage.management
    .insertInto('did_routing')
    .values({
      did,
      handle,
      email,
      pds_host: null,
      pds_host_announce: false,
      domain: handle.slice(handle.indexOf('.') + 1),
      pending: true,
      created_at: new Date(Date.now() - ageMs).toISOString(),
    })
    .execute()
  return did
}

const create = (t: TestServer, handle: string, email?: string) =>
  xrpc(t.url, 'host.primal.pds.createAccount', { auth: t.adminKey, body: { handle, email, password: PASSWORD } })

async function tenantAccounts(t: TestServer, domain: string, handle: string): Promise<number> {
  const d = await t.ctx.registry.getDomain(domain)
  if (!d) return 0
  const rows = await t.ctx.storage.withTenant(d.db_name, (db) =>
    db.selectFrom('account').select('did').where('handle', '=', handle).execute(),
  )
  return rows.length
}

describe('on Postgres (reservations of other processes are judged by age)', () => {
  let t: TestServer
  let staleMs: number
  before(async () => {
    t = await startTestServer({
      backend: 'postgres',
      config: { agents: { registrationDefault: true, powDifficulty: 0 } },
    })
    await addDomain(t, 'crash.test')
    // Older than the longest a create can take: no create is left behind it.
    staleMs = Date.now() - t.ctx.accounts.pending.staleBefore().getTime() + 1000
  })
  after(() => t?.close())

  test('a retry clears a stale reservation whose account never landed, and succeeds', async () => {
    const ghost = await crashedReservation(t, 'retry.crash.test', staleMs, 'retry@example.org')
    const res = await create(t, 'retry.crash.test', 'retry@example.org')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.notEqual(res.body.did, ghost)
    assert.equal((await t.ctx.accounts.locate('retry.crash.test'))?.did, res.body.did)
    const routes = await t.ctx.registry.homesHolding('retry.crash.test', 'retry@example.org')
    assert.deepEqual(
      routes.map((r) => [r.did, r.pending]),
      [[res.body.did, false]],
    )
  })

  test('a stale reservation on the email alone is cleared too', async () => {
    await crashedReservation(t, 'other.crash.test', staleMs, 'mail@example.org')
    const res = await create(t, 'mailer.crash.test', 'mail@example.org')
    assert.equal(res.status, 200, JSON.stringify(res.body))
  })

  test('a retry finishes a reservation whose account did land: the account is live, the handle taken', async () => {
    const made = await create(t, 'landed.crash.test')
    assert.equal(made.status, 200)
    // Killed between the tenant commit and the confirmation.
    await t.ctx.storage.management
      .updateTable('did_routing')
      .set({ pending: true })
      .where('did', '=', made.body.did as string)
      .execute()
    assert.equal(await t.ctx.accounts.locate('landed.crash.test'), undefined)
    const retry = await create(t, 'landed.crash.test')
    assert.equal(retry.status, 400)
    assert.equal(retry.body.error, 'HandleNotAvailable')
    assert.equal((await t.ctx.accounts.locate('landed.crash.test'))?.did, made.body.did)
  })

  test('a young reservation another process may still be using is left alone', async () => {
    const young = await crashedReservation(t, 'young.crash.test', 0)
    const res = await create(t, 'young.crash.test')
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'HandleNotAvailable')
    assert.equal((await t.ctx.registry.homesHolding('young.crash.test', null))[0]?.did, young)
    assert.equal(await t.ctx.accounts.recoverPending(), 0, 'the sweep leaves it too')
  })

  test('two retries racing over one stale reservation make one account', async () => {
    await crashedReservation(t, 'race.crash.test', staleMs)
    const results = await Promise.all(Array.from({ length: 4 }, () => create(t, 'race.crash.test')))
    const ok = results.filter((r) => r.status === 200)
    assert.equal(ok.length, 1, JSON.stringify(results.map((r) => r.body)))
    for (const r of results.filter((r) => r.status !== 200)) assert.equal(r.body.error, 'HandleNotAvailable')
    assert.equal(await tenantAccounts(t, 'crash.test', 'race.crash.test'), 1)
    assert.equal((await t.ctx.accounts.locate('race.crash.test'))?.did, ok[0]?.body.did)
  })

  test('agent registration clears a stale reservation on its handle', async () => {
    await crashedReservation(t, 'robot.crash.test', staleMs)
    const agent = await registerAgent(t, 'crash.test', await atprotoKey('p256'), { handle: 'robot' })
    assert.equal(agent.handle, 'robot.crash.test')
  })

  test('updateHandle moves onto a handle a stale reservation held', async () => {
    await crashedReservation(t, 'moved.crash.test', staleMs)
    const mover = await create(t, 'mover.crash.test')
    const login = await xrpc(t.url, 'com.atproto.server.createSession', {
      body: { identifier: 'mover.crash.test', password: PASSWORD },
    })
    const res = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
      auth: login.body.accessJwt as string,
      body: { handle: 'moved.crash.test' },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.equal((await t.ctx.accounts.locate('moved.crash.test'))?.did, mover.body.did)
  })

  test('a create that outlives its reservation (cleared as stale meanwhile) undoes itself', async () => {
    await assert.rejects(
      t.ctx.accounts.create({
        handle: 'slow.crash.test',
        password: PASSWORD,
        alsoWrite: async () => {
          // Another process's sweep judges it stale while the tenant transaction runs.
          const [route] = await t.ctx.registry.homesHolding('slow.crash.test', null)
          assert.ok(route && (await t.ctx.registry.clearPendingHome(route)))
        },
      }),
      (err: Error & { error?: string }) => err.error === 'HandleNotAvailable',
    )
    assert.equal(await tenantAccounts(t, 'crash.test', 'slow.crash.test'), 0)
    assert.equal((await create(t, 'slow.crash.test')).status, 200)
  })

  test('a create meeting the row of a create whose reservation was cleared under it is refused, not a 500', async () => {
    // The other create's tenant row committed after its reservation was cleared as stale; it is about to undo itself.
    const other = await create(t, 'meet.crash.test')
    assert.equal(other.status, 200)
    await t.ctx.storage.management
      .deleteFrom('did_routing')
      .where('did', '=', other.body.did as string)
      .execute()
    const res = await create(t, 'meet.crash.test')
    assert.equal(res.status, 400, JSON.stringify(res.body))
    assert.equal(res.body.error, 'HandleNotAvailable')
    assert.deepEqual(await t.ctx.registry.homesHolding('meet.crash.test', null), [])
  })

  test('the periodic sweep clears stale reservations nobody retries', async () => {
    await crashedReservation(t, 'forgotten.crash.test', staleMs)
    assert.equal(await t.ctx.accounts.recoverPending(), 1)
    assert.deepEqual(await t.ctx.registry.homesHolding('forgotten.crash.test', null), [])
  })
})

describe('embedded (one process: any reservation not under way here was left by a crash)', () => {
  let t: TestServer
  const backend: Backend = 'embedded'
  before(async () => {
    t = await startTestServer({ backend })
    await addDomain(t, 'one.test')
  })
  after(() => t?.close())

  test('a retry right after the crash clears it, however young', async () => {
    await crashedReservation(t, 'again.one.test', 0)
    const res = await create(t, 'again.one.test')
    assert.equal(res.status, 200, JSON.stringify(res.body))
  })

  test('but not the reservation of a create under way in this process', async () => {
    const did = await crashedReservation(t, 'busy.one.test', 0)
    await t.ctx.accounts.pending.during(did, async () => {
      const second = await create(t, 'busy.one.test')
      assert.equal(second.body.error, 'HandleNotAvailable')
      assert.equal(await t.ctx.accounts.recoverPending(), 0, 'nor does the sweep take it')
    })
    assert.equal((await create(t, 'busy.one.test')).status, 200, 'once it is no longer under way')
  })
})
