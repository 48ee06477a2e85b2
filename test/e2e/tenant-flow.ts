// The operator's and user's journey through the foundation, as a standard
// AT Protocol client sees it: two domains, accounts in each, log in, get the
// session, refresh (the old refresh token dies), log out (the session dies),
// tenant isolation, and domain removal. Run on each storage backend.
import assert from 'node:assert/strict'
import { AtpAgent } from '@atproto/api'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

export async function addDomain(t: TestServer, domain: string, extra: Record<string, unknown> = {}) {
  const res = await xrpc(t.url, 'host.primal.pds.addDomain', { auth: t.adminKey, body: { domain, ...extra } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { domain: { name: string }; owner: { did: string; handle: string; password: string } }
}

export async function createAccount(t: TestServer, handle: string, password = 'correct horse battery') {
  const res = await xrpc(t.url, 'host.primal.pds.createAccount', { auth: t.adminKey, body: { handle, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return { ...(res.body as { did: string; handle: string }), password }
}

export async function runTenantFlow(t: TestServer, suffix: string): Promise<void> {
  const alpha = `alpha-${suffix}.test`
  const beta = `beta-${suffix}.test`

  // Two domains, each with an owner whose generated password is returned once.
  const a = await addDomain(t, alpha)
  const b = await addDomain(t, beta)
  assert.equal(a.owner.handle, `admin.${alpha}`)
  assert.equal(b.owner.handle, `admin.${beta}`)
  assert.match(a.owner.did, /^did:plc:[a-z2-7]{24}$/)
  assert.ok(a.owner.password.length >= 16)

  const agent = new AtpAgent({ service: t.url })
  const described = await agent.com.atproto.server.describeServer()
  assert.deepEqual(described.data.availableUserDomains.sort(), [`.${alpha}`, `.${beta}`])
  assert.equal(described.data.did, t.ctx.serviceDid)

  // Accounts in each domain; the owner logs in with the generated password.
  const alice = await createAccount(t, `alice.${alpha}`)
  const bob = await createAccount(t, `bob.${beta}`)
  await new AtpAgent({ service: t.url }).login({ identifier: a.owner.handle, password: a.owner.password })

  // Log in from a standard client and read the session back.
  const login = await agent.login({ identifier: alice.handle, password: alice.password })
  assert.equal(login.data.did, alice.did)
  const session = await agent.com.atproto.server.getSession()
  assert.equal(session.data.handle, alice.handle)
  assert.equal(session.data.did, alice.did)

  // Login by DID works too, and a wrong password does not.
  const byDid = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: bob.did, password: bob.password },
  })
  assert.equal(byDid.status, 200)
  const wrong = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: bob.handle, password: 'not the password' },
  })
  assert.equal(wrong.status, 401)
  assert.equal(wrong.body.error, 'AuthenticationRequired')

  // Refresh rotates: the new pair works, and the used refresh token, within its grace period, answers
  // that same pair again (a client that lost the answer stays logged in) rather than a new one.
  const oldRefresh = login.data.refreshJwt
  const refreshed = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: oldRefresh })
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body))
  assert.equal(refreshed.body.did, alice.did)
  const again = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: oldRefresh })
  assert.equal(again.status, 200)
  assert.equal(again.body.refreshJwt, refreshed.body.refreshJwt)
  assert.equal(again.body.accessJwt, refreshed.body.accessJwt)
  const newAccess = refreshed.body.accessJwt as string
  const newRefresh = refreshed.body.refreshJwt as string
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: newAccess })).status, 200)

  // Logout revokes the session: its refresh token and its access tokens.
  const logout = await xrpc(t.url, 'com.atproto.server.deleteSession', { post: true, auth: newRefresh })
  assert.equal(logout.status, 200)
  const afterLogout = await xrpc(t.url, 'com.atproto.server.getSession', { auth: newAccess })
  assert.equal(afterLogout.status, 400)
  assert.equal(afterLogout.body.error, 'ExpiredToken')
  const refreshAfterLogout = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: newRefresh })
  assert.equal(refreshAfterLogout.body.error, 'ExpiredToken')
  const usedAfterLogout = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: oldRefresh })
  assert.equal(usedAfterLogout.body.error, 'ExpiredToken')

  // Each tenant's store holds its own accounts and nobody else's.
  const storeA = await storeOf(t, alpha)
  const storeB = await storeOf(t, beta)
  const inA = await handlesIn(t, storeA)
  const inB = await handlesIn(t, storeB)
  assert.deepEqual(inA, [`admin.${alpha}`, alice.handle])
  assert.deepEqual(inB, [`admin.${beta}`, bob.handle])

  // Handles resolve until their domain is removed; then they neither resolve nor log in.
  const resolved = await agent.com.atproto.identity.resolveHandle({ handle: bob.handle })
  assert.equal(resolved.data.did, bob.did)
  const removed = await xrpc(t.url, 'host.primal.pds.removeDomain', { auth: t.adminKey, body: { domain: beta } })
  assert.equal(removed.status, 200, JSON.stringify(removed.body))
  assert.equal(await t.ctx.storage.tenantDbExists(storeB), false)
  const gone = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: bob.handle } })
  assert.equal(gone.status, 400)
  assert.equal(gone.body.error, 'HandleNotFound')
  const noLogin = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: bob.handle, password: bob.password },
  })
  assert.equal(noLogin.status, 401)
  const listed = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: t.adminKey })
  assert.deepEqual(
    (listed.body.domains as { name: string }[]).map((d) => d.name),
    [alpha],
  )
  // The other tenant is untouched.
  assert.equal(
    (
      await xrpc(t.url, 'com.atproto.server.createSession', {
        body: { identifier: alice.handle, password: alice.password },
      })
    ).status,
    200,
  )
}

export async function storeOf(t: TestServer, domain: string): Promise<string> {
  const d = await t.ctx.registry.getDomain(domain)
  assert.ok(d, `domain ${domain} has a row`)
  return d.db_name
}

export function handlesIn(t: TestServer, store: string): Promise<string[]> {
  return t.ctx.storage.withTenant(store, async (db) =>
    (await db.selectFrom('account').select('handle').orderBy('handle').execute()).map((r) => r.handle),
  )
}
