// Never a half tenant: an addDomain that fails after its database exists
// leaves nothing behind, and changes cut short by a crash are finished by a
// retry or by the start-up sweep.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { tenantDbName } from '../../src/tenant/domain-name.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
})
after(() => t?.close())

async function leftovers(domain: string) {
  const store = tenantDbName(t.ctx.storage.tenantPrefix, domain)
  const routes = await t.ctx.storage.management
    .selectFrom('did_routing')
    .select('did')
    .where('domain', '=', domain)
    .execute()
  return {
    row: !!(await t.ctx.registry.getDomain(domain)),
    store: await t.ctx.storage.tenantDbExists(store),
    routes: routes.length,
  }
}

const NOTHING = { row: false, store: false, routes: 0 }

test('an owner that cannot be created rolls the whole domain back', async () => {
  await assert.rejects(
    t.ctx.domains.add({ domain: 'half-one.test', ownerHandle: 'boss.elsewhere.test' }),
    (err: Error & { customErrorName?: string }) => err.customErrorName === 'UnsupportedDomain',
  )
  assert.deepEqual(await leftovers('half-one.test'), NOTHING)
  await assert.rejects(
    t.ctx.domains.add({ domain: 'half-two.test', ownerPassword: 'short' }),
    (err: Error & { customErrorName?: string }) => err.customErrorName === 'InvalidPassword',
  )
  assert.deepEqual(await leftovers('half-two.test'), NOTHING)
  // The same names can then be added cleanly.
  const { owner } = await t.ctx.domains.add({ domain: 'half-one.test' })
  assert.equal(owner.handle, 'admin.half-one.test')
})

test('an add cut short by a crash is finished by retrying it', async () => {
  const domain = 'crashed-add.test'
  const store = tenantDbName(t.ctx.storage.tenantPrefix, domain)
  // What a process leaves when it dies after creating the database.
  await t.ctx.registry.insertCreatingDomain(domain, store)
  await t.ctx.storage.createTenantDb(store)
  await t.ctx.storage.migrateTenant(store)
  const { owner } = await t.ctx.domains.add({ domain })
  const handles = await t.ctx.storage.read(store, (r) => r.accounts.list(10))
  assert.deepEqual(
    handles.map((a) => a.handle),
    [owner.handle],
  )
  assert.equal((await t.ctx.registry.getDomain(domain))?.status, 'active')
})

test('the start-up sweep finishes removals and undoes stale additions', async () => {
  await t.ctx.domains.add({ domain: 'crashed-remove.test' })
  await t.ctx.registry.setDomainStatus('crashed-remove.test', 'removing')
  const store = tenantDbName(t.ctx.storage.tenantPrefix, 'stale-add.test')
  await t.ctx.registry.insertCreatingDomain('stale-add.test', store)
  await t.ctx.storage.createTenantDb(store)
  // A fresh 'creating' row may belong to another process still working: left alone.
  const fresh = tenantDbName(t.ctx.storage.tenantPrefix, 'fresh-add.test')
  await t.ctx.registry.insertCreatingDomain('fresh-add.test', fresh)

  const cutoff = new Date(Date.now() + 1000)
  await t.ctx.storage.management
    .updateTable('domain')
    .set({ updated_at: new Date(Date.now() - 60_000).toISOString() })
    .where('name', '=', 'stale-add.test')
    .execute()
  await t.ctx.domains.recoverInterrupted(new Date(Date.now() - 30_000))
  assert.deepEqual(await leftovers('crashed-remove.test'), NOTHING)
  assert.deepEqual(await leftovers('stale-add.test'), NOTHING)
  assert.equal((await t.ctx.registry.getDomain('fresh-add.test'))?.status, 'creating')
  await t.ctx.domains.recoverInterrupted(cutoff)
  assert.deepEqual(await leftovers('fresh-add.test'), NOTHING)
})

test('pending routes are confirmed when the account exists, removed when it does not', async () => {
  const { owner } = await t.ctx.domains.add({ domain: 'pending.test' })
  const created = await t.ctx.accounts.create({ handle: 'kept.pending.test', password: 'long enough password' })
  // A crash between the tenant insert and the confirmation leaves the route pending.
  await t.ctx.storage.management
    .updateTable('did_routing')
    .set({ pending: true })
    .where('did', '=', created.did)
    .execute()
  // A crash before the tenant insert leaves a pending route to nothing.
  await t.ctx.registry.reserveHome({
    did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa',
    handle: 'ghost.pending.test',
    email: null,
    domain: 'pending.test',
  })
  assert.equal(await t.ctx.accounts.locate('kept.pending.test'), undefined, 'pending routes do not resolve')
  await t.ctx.accounts.recoverPending(new Date(Date.now() + 1000))
  assert.equal((await t.ctx.accounts.locate('kept.pending.test'))?.did, created.did)
  assert.equal(await t.ctx.registry.handleTaken('ghost.pending.test'), false)
  assert.equal((await t.ctx.accounts.locate(owner.did))?.handle, owner.handle)
})
