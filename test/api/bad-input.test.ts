// Bad input gets a clear XRPC error with the right status, and changes
// nothing: no domain, database, route or account appears, no 500 is served.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { databasesLike } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type XrpcResponse, xrpc } from '../helpers/xrpc.js'

let t: TestServer
let ownerA: { did: string; handle: string; password: string }
let userA: { did: string; handle: string; password: string }

before(async () => {
  t = await startTestServer({ config: { limits: { bodyBytes: 64 * 1024 } } })
  ownerA = (await addDomain(t, 'tenant-a.test')).owner
  await addDomain(t, 'tenant-b.test')
  userA = await createAccount(t, 'user.tenant-a.test')
})
after(() => t?.close())

/** Everything a bad request could have changed. */
async function snapshot() {
  const domains = (await t.ctx.registry.listDomains()).map((d) => `${d.name}:${d.status}`)
  const routes = await t.ctx.storage.management.selectFrom('did_routing').select(['handle', 'pending']).execute()
  const dbs = t.backend === 'postgres' ? await databasesLike(t.managementName) : []
  return { domains, routes: routes.map((r) => `${r.handle}:${r.pending}`).sort(), dbs }
}

function expectError(res: XrpcResponse, status: number, error: string) {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.equal(res.body.error, error, JSON.stringify(res.body))
  assert.equal(typeof res.body.message, 'string')
}

const admin = () => ({ auth: t.adminKey })

test('invalid domain names are refused with InvalidRequest and create nothing', async () => {
  const before = await snapshot()
  const bad = [
    'a..b.com',
    '-x.com',
    'x-.com',
    'x_y.com',
    '127.0.0.1',
    '10.0.0.1',
    '[::1]',
    `${'a'.repeat(64)}.com`,
    `${'abcdefghi.'.repeat(26)}com`,
    'foo"; drop database x; --.com',
    "x'; drop table domain; --.com",
    'localhost',
    'com',
    'example.local',
    'exa mple.com',
    'ünïcode.com',
    '',
  ]
  for (const domain of bad) {
    const res = await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), body: { domain } })
    expectError(res, 400, 'InvalidRequest')
  }
  const wrongType = await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), body: { domain: 42 } })
  expectError(wrongType, 400, 'InvalidRequest')
  assert.deepEqual(await snapshot(), before)
})

test('two domains whose database names would collide: the second is refused', async () => {
  await addDomain(t, 'my-shop.test')
  const before = await snapshot()
  const res = await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), body: { domain: 'my.shop.test' } })
  expectError(res, 400, 'DatabaseNameCollision')
  const dup = await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), body: { domain: 'MY-SHOP.test' } })
  expectError(dup, 400, 'DomainAlreadyExists')
  assert.deepEqual(await snapshot(), before)
})

test('duplicate handles and handles outside hosted domains are refused', async () => {
  const before = await snapshot()
  const dup = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'USER.tenant-a.test', password: 'long enough password' },
  })
  expectError(dup, 400, 'HandleNotAvailable')
  const outside = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'eve.not-hosted.test', password: 'long enough password' },
  })
  expectError(outside, 400, 'UnsupportedDomain')
  const nested = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'eve.sub.tenant-a.test', password: 'long enough password' },
  })
  expectError(nested, 400, 'UnsupportedDomain')
  const badSyntax = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'no spaces.tenant-a.test', password: 'long enough password' },
  })
  expectError(badSyntax, 400, 'InvalidRequest')
  const short = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'ab.tenant-a.test', password: 'long enough password' },
  })
  expectError(short, 400, 'InvalidHandle')
  const weak = await xrpc(t.url, 'host.primal.pds.createAccount', {
    ...admin(),
    body: { handle: 'weak.tenant-a.test', password: 'short' },
  })
  expectError(weak, 400, 'InvalidPassword')
  // A handle may not be a hosted domain's own name, and a domain may not take an existing handle.
  const domainAsHandle = await xrpc(t.url, 'host.primal.pds.addDomain', {
    ...admin(),
    body: { domain: 'user.tenant-a.test' },
  })
  expectError(domainAsHandle, 400, 'DomainNotAvailable')
  // Self-registration is closed by default.
  const closed = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'self.tenant-a.test', password: 'long enough password' },
  })
  expectError(closed, 401, 'AuthenticationRequired')
  assert.deepEqual(await snapshot(), before)
})

test('wrong, missing or misplaced credentials are refused', async () => {
  const before = await snapshot()
  const body = { domain: 'never.test' }
  expectError(await xrpc(t.url, 'host.primal.pds.addDomain', { body }), 401, 'AuthMissing')
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', { body, auth: 'not-the-admin-key-at-all' }),
    401,
    'AuthenticationRequired',
  )
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', { body, auth: `Basic ${btoa('admin:wrong-key-wrong-key')}` }),
    401,
    'AuthenticationRequired',
  )
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', { body, auth: `Basic ${btoa(`root:${t.adminKey}`)}` }),
    401,
    'AuthenticationRequired',
  )
  // Basic admin:<key> is accepted, as clients of the official PDS send it.
  const basic = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: `Basic ${btoa(`admin:${t.adminKey}`)}` })
  assert.equal(basic.status, 200)

  const ownerSession = await login(ownerA.handle, ownerA.password)
  const userSession = await login(userA.handle, userA.password)
  // A domain owner's JWT is not the admin key.
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', { body, auth: ownerSession.accessJwt }),
    401,
    'AuthenticationRequired',
  )
  // An owner manages only their own domain.
  const otherDomain = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    params: { domain: 'tenant-b.test' },
    auth: ownerSession.accessJwt,
  })
  expectError(otherDomain, 403, 'Forbidden')
  const otherCreate = await xrpc(t.url, 'host.primal.pds.createAccount', {
    body: { handle: 'mallory.tenant-b.test', password: 'long enough password' },
    auth: ownerSession.accessJwt,
  })
  expectError(otherCreate, 403, 'Forbidden')
  const own = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    params: { domain: 'tenant-a.test' },
    auth: ownerSession.accessJwt,
  })
  assert.equal(own.status, 200)
  // A plain user may not use the admin API at all.
  const asUser = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    params: { domain: 'tenant-a.test' },
    auth: userSession.accessJwt,
  })
  expectError(asUser, 403, 'Forbidden')

  // Token types are not interchangeable.
  expectError(
    await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: userSession.accessJwt }),
    400,
    'InvalidToken',
  )
  expectError(await xrpc(t.url, 'com.atproto.server.getSession', { auth: userSession.refreshJwt }), 400, 'InvalidToken')
  expectError(await xrpc(t.url, 'com.atproto.server.getSession', { auth: 'garbage.token.here' }), 400, 'InvalidToken')
  assert.deepEqual(await snapshot(), before)
})

test('malformed JSON, wrong content type and oversized bodies get clean errors', async () => {
  const before = await snapshot()
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), rawBody: '{"domain":' }),
    400,
    'InvalidRequest',
  )
  expectError(await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), rawBody: '[1,2' }), 400, 'InvalidRequest')
  expectError(
    await xrpc(t.url, 'host.primal.pds.addDomain', {
      ...admin(),
      rawBody: '{"domain":"x.test"}',
      headers: { 'content-type': 'text/plain' },
    }),
    400,
    'InvalidRequest',
  )
  const big = JSON.stringify({ domain: 'big.test', ownerEmail: 'x'.repeat(100 * 1024) })
  expectError(await xrpc(t.url, 'host.primal.pds.addDomain', { ...admin(), rawBody: big }), 413, 'PayloadTooLarge')
  expectError(
    await xrpc(t.url, 'com.atproto.server.createSession', { rawBody: '{"identifier":1,"password":[]}' }),
    400,
    'InvalidRequest',
  )
  const huge = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    ...admin(),
    params: { domain: 'tenant-a.test', limit: '100000' },
  })
  expectError(huge, 400, 'InvalidRequest')
  assert.deepEqual(await snapshot(), before)
})

test('a suspended or disabled account cannot log in, and its live tokens stop working', async () => {
  const victim = await createAccount(t, 'victim.tenant-a.test')
  const session = await login(victim.handle, victim.password)
  for (const status of ['suspended', 'disabled']) {
    const set = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      ...admin(),
      body: { did: victim.did, status },
    })
    assert.equal(set.status, 200, JSON.stringify(set.body))
    const res = await xrpc(t.url, 'com.atproto.server.createSession', {
      body: { identifier: victim.handle, password: victim.password },
    })
    expectError(res, 401, 'AccountTakedown')
    expectError(await xrpc(t.url, 'com.atproto.server.getSession', { auth: session.accessJwt }), 401, 'AccountTakedown')
  }
  await xrpc(t.url, 'host.primal.pds.updateAccountStatus', { ...admin(), body: { did: victim.did, status: 'active' } })
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: session.accessJwt })).status, 200)
})

test('the owner cannot be deleted, suspended or demoted', async () => {
  const del = await xrpc(t.url, 'host.primal.pds.deleteAccount', { ...admin(), body: { did: ownerA.did } })
  expectError(del, 400, 'InvalidRequest')
  const sus = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    ...admin(),
    body: { did: ownerA.did, status: 'suspended' },
  })
  expectError(sus, 400, 'InvalidRequest')
  const demote = await xrpc(t.url, 'host.primal.pds.updateAccountRole', {
    ...admin(),
    body: { did: ownerA.did, role: 'user' },
  })
  expectError(demote, 400, 'InvalidRequest')
  assert.equal((await login(ownerA.handle, ownerA.password)).did, ownerA.did)
})

async function login(identifier: string, password: string) {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { accessJwt: string; refreshJwt: string; did: string }
}
