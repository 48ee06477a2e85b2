// Account administration and self-registration as users of the API see them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost, xrpc } from '../helpers/xrpc.js'

let t: TestServer
let owner: { did: string; handle: string }
const OWNER_PASSWORD = 'owner password!'

before(async () => {
  t = await startTestServer({ config: { registrationOpen: true } })
  owner = (await addDomain(t, 'accounts.test', { ownerPassword: OWNER_PASSWORD })).owner
  await addDomain(t, 'other.test')
})
after(() => t?.close())

async function session(identifier: string, password: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.accessJwt as string
}

test('open registration: a standard client signs up under a hosted domain and is logged in', async () => {
  const agent = new AtpAgent({ service: t.url })
  const res = await agent.createAccount({
    handle: 'newcomer.accounts.test',
    email: 'Signup@Example.org',
    password: 'signup password',
  })
  assert.match(res.data.did, /^did:plc:/)
  const me = await agent.com.atproto.server.getSession()
  assert.equal(me.data.handle, 'newcomer.accounts.test')
  assert.equal(me.data.email, 'signup@example.org')
  // Email works as a login identifier, case-insensitively.
  await session('SIGNUP@example.org', 'signup password')
  const outside = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'signup.elsewhere.test', password: 'signup password' },
  })
  assert.equal(outside.status, 400)
  assert.equal(outside.body.error, 'UnsupportedDomain')
  const dupEmail = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'signup2.accounts.test', email: 'signup@example.org', password: 'signup password' },
  })
  assert.equal(dupEmail.status, 400)
  assert.match(dupEmail.body.message as string, /email/)
})

test('listAccounts pages by cursor', async () => {
  for (const n of ['pa', 'pb', 'pc', 'pd', 'pe']) await createAccount(t, `${n}-page.other.test`)
  const seen: string[] = []
  let cursor: string | undefined
  for (let page = 0; page < 10; page++) {
    const res = await xrpc(t.url, 'host.primal.pds.listAccounts', {
      auth: t.adminKey,
      params: { domain: 'other.test', limit: '2', ...(cursor ? { cursor } : {}) },
    })
    assert.equal(res.status, 200)
    const accounts = res.body.accounts as { handle: string }[]
    assert.ok(accounts.length <= 2)
    seen.push(...accounts.map((a) => a.handle))
    cursor = res.body.cursor as string | undefined
    if (!cursor) break
  }
  assert.deepEqual(seen, [
    'admin.other.test',
    'pa-page.other.test',
    'pb-page.other.test',
    'pc-page.other.test',
    'pd-page.other.test',
    'pe-page.other.test',
  ])
})

test('a domain owner makes admins; an admin makes users but not admins, and only in its domain', async () => {
  const ownerJwt = await session(owner.handle, OWNER_PASSWORD)
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: ownerJwt,
    body: { handle: 'deputy.accounts.test', password: 'deputy password', role: 'admin' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const deputyJwt = await session('deputy.accounts.test', 'deputy password')
  const user = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: deputyJwt,
    body: { handle: 'minion.accounts.test' },
  })
  assert.equal(user.status, 200)
  assert.ok((user.body.password as string).length >= 16, 'a generated password is returned once')
  const admin = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: deputyJwt,
    body: { handle: 'other-admin.accounts.test', role: 'admin' },
  })
  assert.equal(admin.status, 403)
  const promote = await xrpc(t.url, 'host.primal.pds.updateAccountRole', {
    auth: deputyJwt,
    body: { did: user.body.did, role: 'admin' },
  })
  assert.equal(promote.status, 403)
  const asOwner = await xrpc(t.url, 'host.primal.pds.updateAccountRole', {
    auth: ownerJwt,
    body: { did: user.body.did, role: 'admin' },
  })
  assert.equal(asOwner.status, 200)
  const toOwner = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'second-owner.accounts.test', role: 'owner' },
  })
  assert.equal(toOwner.status, 400)
})

test('a deleted account can no longer log in, and its handle can be taken again', async () => {
  const gone = await createAccount(t, 'gone.accounts.test')
  const jwt = await session(gone.handle, gone.password)
  const del = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: gone.did } })
  assert.equal(del.status, 200)
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: gone.handle, password: gone.password },
  })
  assert.equal(login.status, 401)
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: jwt })).body.error, 'InvalidToken')
  // Its repo is gone for readers, and its old token cannot write one back.
  const repo = await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did: gone.did } })
  assert.equal(repo.body.error, 'RepoNotFound')
  const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: jwt,
    body: {
      repo: gone.did,
      collection: 'app.bsky.feed.post',
      record: { text: 'x', createdAt: '2026-01-01T00:00:00Z' },
    },
  })
  assert.equal(write.body.error, 'InvalidToken')
  const again = await createAccount(t, 'gone.accounts.test')
  assert.notEqual(again.did, gone.did)
  const missing = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: gone.did } })
  assert.equal(missing.status, 400)
  assert.equal(missing.body.error, 'AccountNotFound')
})

test('atproto-did answers by Host header for hosted handles only', async () => {
  const res = await getWithHost(t.url, '/.well-known/atproto-did', owner.handle)
  assert.equal(res.status, 200)
  assert.equal(res.body, owner.did)
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'nobody.accounts.test')).status, 404)
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'accounts.test')).status, 404)
})

test('a domain admin acts on users only: other admins and the owner are the owner’s or the admin key’s', async () => {
  const ownerJwt = await session(owner.handle, OWNER_PASSWORD)
  const makeAdmin = async (handle: string) => {
    const res = await xrpc(t.url, 'host.primal.pds.createAccount', {
      auth: ownerJwt,
      body: { handle, password: 'rank password', role: 'admin' },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    return res.body.did as string
  }
  const first = await makeAdmin('rank-first.accounts.test')
  const second = await makeAdmin('rank-second.accounts.test')
  const plain = await createAccount(t, 'rank-user.accounts.test')
  const firstJwt = await session('rank-first.accounts.test', 'rank password')
  const asFirst = (nsid: string, body: Record<string, unknown>) => xrpc(t.url, nsid, { auth: firstJwt, body })

  for (const target of [second, owner.did]) {
    for (const [nsid, body] of [
      ['host.primal.pds.deleteAccount', { did: target }],
      ['host.primal.pds.updateAccountStatus', { did: target, status: 'suspended' }],
      ['host.primal.pds.updateAccountRole', { did: target, role: 'user' }],
      ['host.primal.pds.updateAgentTrust', { did: target, trusted: true }],
    ] as const) {
      const res = await asFirst(nsid, body)
      assert.equal(res.status, 403, `${nsid} on ${target}: ${JSON.stringify(res.body)}`)
    }
  }
  // The other admin is untouched and still logs in.
  await session('rank-second.accounts.test', 'rank password')
  // Users are the admin's to manage.
  const suspendUser = await asFirst('host.primal.pds.updateAccountStatus', { did: plain.did, status: 'suspended' })
  assert.equal(suspendUser.status, 200, JSON.stringify(suspendUser.body))
  // The owner may act on its admins.
  const bySelf = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: ownerJwt,
    body: { did: second, status: 'suspended' },
  })
  assert.equal(bySelf.status, 200, JSON.stringify(bySelf.body))
  const demote = await xrpc(t.url, 'host.primal.pds.updateAccountRole', {
    auth: t.adminKey,
    body: { did: first, role: 'user' },
  })
  assert.equal(demote.status, 200, JSON.stringify(demote.body))
  const deleted = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: ownerJwt, body: { did: second } })
  assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
})

test('a delete cut short after the tenant row went is finished by retrying it, by the admin key or a domain admin', async () => {
  const bossJwt = await session(owner.handle, OWNER_PASSWORD)
  const admin = await createAccount(t, 'half-deputy.accounts.test')
  const role = await xrpc(t.url, 'host.primal.pds.updateAccountRole', {
    auth: bossJwt,
    body: { did: admin.did, role: 'admin' },
  })
  assert.equal(role.status, 200, JSON.stringify(role.body))
  const adminJwt = await session(admin.handle, admin.password)
  for (const [name, auth] of [
    ['key', t.adminKey],
    ['admin', adminJwt],
  ] as const) {
    const half = await createAccount(t, `half-${name}.accounts.test`)
    // What a crash between the two steps of a delete leaves: the route, and no tenant row.
    const located = await t.ctx.accounts.mustLocate(half.did)
    await t.ctx.storage.withTenant(located.db_name, (db) =>
      db.deleteFrom('account').where('did', '=', half.did).execute(),
    )
    const retry = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth, body: { did: half.did } })
    assert.equal(retry.status, 200, `${name}: ${JSON.stringify(retry.body)}`)
    assert.equal(await t.ctx.registry.findHome('did', half.did), undefined)
    // Its handle is free again.
    await createAccount(t, `half-${name}.accounts.test`)
  }
})
