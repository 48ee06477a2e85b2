// App passwords as the official PDS has them, end to end through
// @atproto/api and bare XRPC calls: made, listed and revoked; a login with
// one gets tokens of the app-password scopes, kept across refreshes; the
// methods a password login alone may call refuse them (the list driven by
// the methods registered, checked against the table in src/auth/scopes.ts);
// the privileged-only ones (service auth for them, the direct messages passed
// on to a stand-in chat service) refuse a plain one; revoking one ends its
// sessions at once; and bad input, duplicate names and too many are refused.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { AuthRequiredError } from '@atproto/xrpc-server'
import { decodeJwt } from 'jose'
import { registerMethods } from '../../src/api/index.js'
import type { MethodServer } from '../../src/api/method-server.js'
import { FULL_ACCESS_ONLY_METHODS, PRIVILEGED_ONLY_METHOD_NAMES } from '../../src/auth/scopes.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type StandIn, startStandIn } from '../helpers/standin-services.js'
import { type XrpcResponse, xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'apppass.test'
const PER_ACCOUNT = 8
const NAME_LENGTH = 20
const APP_PASSWORD = /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/

let plc: TestPlc
let chat: StandIn
let t: TestServer
let owner: { did: string; handle: string; password: string }
let alice: { did: string; handle: string; password: string }
/** Alice logged in with her own password. */
let full: AtpAgent

type Session = { accessJwt: string; refreshJwt: string } & Record<string, unknown>

before(async () => {
  plc = await startPlc()
  chat = await startStandIn(plc.url)
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      chat: { url: chat.url, did: chat.did },
      proxy: { allowPrivateNetwork: true },
      limits: { appPasswordsPerAccount: PER_ACCOUNT, appPasswordNameLength: NAME_LENGTH },
    },
  })
  owner = (await addDomain(t, DOMAIN)).owner
  alice = await createAccount(t, `alice.${DOMAIN}`)
  full = new AtpAgent({ service: t.url })
  await full.login({ identifier: alice.handle, password: alice.password })
})
after(async () => {
  await t?.close()
  await chat?.close()
  await plc?.close()
})

function fullJwt(): string {
  return full.session?.accessJwt ?? ''
}

async function createAppPassword(name: string, privileged?: boolean, auth = fullJwt()): Promise<XrpcResponse> {
  return xrpc(t.url, 'com.atproto.server.createAppPassword', { auth, body: { name, privileged } })
}

async function made(name: string, privileged?: boolean): Promise<string> {
  const res = await createAppPassword(name, privileged)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.password as string
}

async function login(identifier: string, password: string): Promise<XrpcResponse> {
  return xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })
}

async function session(identifier: string, password: string): Promise<Session> {
  const res = await login(identifier, password)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as Session
}

function scopeOf(jwt: string): unknown {
  return decodeJwt(jwt).scope
}

function assertRefused(res: XrpcResponse, status: number, error: string, message?: string | RegExp): void {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.equal(res.body.error, error, JSON.stringify(res.body))
  if (typeof message === 'string') assert.equal(res.body.message, message)
  else if (message) assert.match(String(res.body.message), message)
}

/** Every NSID the server registers, found by registering them against a recorder (as the fuzzing test does). */
function registeredMethods(): string[] {
  const names: string[] = []
  const recorder = new Proxy({}, { get: () => (nsid: string) => names.push(nsid) })
  registerMethods(recorder as MethodServer, t.ctx)
  return names
}

/** Calls `nsid` with no params and an empty body, as its lexicon says (GET for a query, POST for a procedure). */
function callBare(nsid: string, auth: string): Promise<XrpcResponse> {
  const type = t.ctx.lexicons.getDef(nsid)?.type
  return xrpc(t.url, nsid, type === 'procedure' ? { auth, body: {} } : { auth })
}

describe('making, listing and logging in with app passwords', () => {
  let plain: string
  let privileged: string

  before(async () => {
    plain = await made('test-pass')
    privileged = await made('privi-pass', true)
  })

  test('an app password is four groups of four base32 characters, shown once with its name, time and privilege', async () => {
    const res = await createAppPassword('shown-once')
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.match(res.body.password as string, APP_PASSWORD)
    assert.equal(res.body.name, 'shown-once')
    assert.equal(res.body.privileged, false)
    assert.ok(Math.abs(Date.parse(res.body.createdAt as string) - Date.now()) < 60_000)
    assert.match(plain, APP_PASSWORD)
    assert.notEqual(plain, privileged)
    await xrpc(t.url, 'com.atproto.server.revokeAppPassword', { auth: fullJwt(), body: { name: 'shown-once' } })
  })

  test('listAppPasswords names them newest first with their privilege, never their passwords', async () => {
    const res = await full.com.atproto.server.listAppPasswords()
    assert.deepEqual(
      res.data.passwords.map(({ name, privileged }) => ({ name, privileged })),
      [
        { name: 'privi-pass', privileged: true },
        { name: 'test-pass', privileged: false },
      ],
    )
    for (const p of res.data.passwords) {
      assert.ok(!Number.isNaN(Date.parse(p.createdAt)))
      assert.equal((p as unknown as Record<string, unknown>).password, undefined)
    }
  })

  test('a login with an app password gets tokens of its scope, as the official PDS signs them; the password login stays full', async () => {
    const app = await session(alice.handle, plain)
    const priv = await session(alice.handle, privileged)
    const own = await session(alice.handle, alice.password)
    assert.equal(scopeOf(app.accessJwt), 'com.atproto.appPass')
    assert.equal(scopeOf(priv.accessJwt), 'com.atproto.appPassPrivileged')
    assert.equal(scopeOf(own.accessJwt), 'com.atproto.access')
    for (const s of [app, priv, own]) assert.equal(scopeOf(s.refreshJwt), 'com.atproto.refresh')
    // The same answer as a password login's, but for the tokens.
    const strip = ({ accessJwt: _a, refreshJwt: _r, ...rest }: Session) => rest
    assert.deepEqual(strip(app), strip(own))
    assert.deepEqual(strip(priv), strip(own))
    assert.equal(app.did, alice.did)
    // By email too, as any login.
    const byDid = await session(alice.did, plain)
    assert.equal(scopeOf(byDid.accessJwt), 'com.atproto.appPass')
  })

  test('getSession answers an app password session as it answers a password one', async () => {
    const app = await session(alice.handle, plain)
    const asApp = await xrpc(t.url, 'com.atproto.server.getSession', { auth: app.accessJwt })
    const asOwn = await xrpc(t.url, 'com.atproto.server.getSession', { auth: fullJwt() })
    assert.equal(asApp.status, 200)
    assert.deepEqual(asApp.body, asOwn.body)
  })

  test('the session row records which app password opened it', async () => {
    const app = await session(alice.handle, plain)
    const own = await session(alice.handle, alice.password)
    const dbName = (await t.ctx.accounts.mustLocate(alice.did)).db_name
    const nameOf = (jwt: string) =>
      t.ctx.storage.withTenant(dbName, (db) =>
        db
          .selectFrom('refresh_token')
          .select('app_password_name')
          .where('id', '=', decodeJwt(jwt).jti as string)
          .executeTakeFirstOrThrow(),
      )
    assert.equal((await nameOf(app.refreshJwt)).app_password_name, 'test-pass')
    assert.equal((await nameOf(own.refreshJwt)).app_password_name, null)
  })

  test('a refreshed session keeps its scope, and what it may not do', async () => {
    for (const [password, scope] of [
      [plain, 'com.atproto.appPass'],
      [privileged, 'com.atproto.appPassPrivileged'],
    ] as const) {
      const first = await session(alice.handle, password)
      const res = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: first.refreshJwt })
      assert.equal(res.status, 200, JSON.stringify(res.body))
      const next = res.body as Session
      assert.equal(scopeOf(next.accessJwt), scope)
      // Used again within its grace period, the old token answers the same pair, of the same scope.
      const again = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: first.refreshJwt })
      assert.equal(again.body.accessJwt, next.accessJwt)
      const post = await xrpc(t.url, 'com.atproto.repo.createRecord', {
        auth: next.accessJwt,
        body: { repo: alice.did, collection: 'app.bsky.feed.post', record: post0() },
      })
      assert.equal(post.status, 200, JSON.stringify(post.body))
      assertRefused(
        await createAppPassword('another-one', false, next.accessJwt),
        400,
        'InvalidToken',
        'Bad token scope',
      )
    }
  })

  test('a wrong app password, or one of another account, logs no one in', async () => {
    assertRefused(
      await login(alice.handle, 'abcd-efgh-ijkl-mnop'),
      401,
      'AuthenticationRequired',
      'Invalid identifier or password',
    )
    assertRefused(await login(owner.handle, plain), 401, 'AuthenticationRequired', 'Invalid identifier or password')
    assertRefused(
      await login(`nobody.${DOMAIN}`, plain),
      401,
      'AuthenticationRequired',
      'Invalid identifier or password',
    )
    // In capitals it is another password, as in the official PDS.
    assertRefused(await login(alice.handle, plain.toUpperCase()), 401, 'AuthenticationRequired')
  })
})

describe('what an app password session may not do', () => {
  let plainJwt: string
  let privilegedJwt: string

  before(async () => {
    plainJwt = (await session(alice.handle, await made('scope-plain'))).accessJwt
    privilegedJwt = (await session(alice.handle, await made('scope-privi', true))).accessJwt
  })

  test('every registered full-access-only method refuses both app password scopes with the official error', async () => {
    const registered = registeredMethods().filter((nsid) => nsid.startsWith('com.atproto.'))
    const fullOnly = registered.filter((nsid) => FULL_ACCESS_ONLY_METHODS.has(nsid))
    assert.ok(fullOnly.includes('com.atproto.server.createAppPassword'), 'the table names a registered method')
    for (const nsid of fullOnly) {
      for (const jwt of [plainJwt, privilegedJwt]) {
        assertRefused(await callBare(nsid, jwt), 400, 'InvalidToken', 'Bad token scope')
      }
    }
  })

  test('the path reaching a method in another case changes nothing: still refused, and nothing made', async () => {
    const fullOnly = registeredMethods().filter((nsid) => FULL_ACCESS_ONLY_METHODS.has(nsid))
    const before = (await xrpc(t.url, 'com.atproto.server.listAppPasswords', { auth: fullJwt() })).body
    for (const prefix of ['/XRPC/', '/Xrpc/']) {
      for (const nsid of fullOnly) {
        const procedure = t.ctx.lexicons.getDef(nsid)?.type === 'procedure'
        const res = await fetch(`${t.url}${prefix}${nsid}`, {
          method: procedure ? 'POST' : 'GET',
          headers: {
            authorization: `Bearer ${plainJwt}`,
            ...(procedure ? { 'content-type': 'application/json' } : {}),
          },
          body: procedure ? JSON.stringify({ name: 'through-capitals', privileged: true }) : undefined,
        })
        const body = (await res.json()) as { error?: string; message?: string }
        assert.deepEqual([res.status, body.message], [400, 'Bad token scope'], `${prefix}${nsid}`)
      }
    }
    const after = (await xrpc(t.url, 'com.atproto.server.listAppPasswords', { auth: fullJwt() })).body
    assert.deepEqual(after, before)
  })

  test('no other registered com.atproto method refuses an app password for its scope, where it takes an access token', async () => {
    const others = registeredMethods().filter(
      (nsid) => nsid.startsWith('com.atproto.') && !FULL_ACCESS_ONLY_METHODS.has(nsid),
    )
    assert.ok(others.length > 30)
    for (const nsid of others) {
      const res = await callBare(nsid, plainJwt)
      assert.ok(res.status < 500, `${nsid}: ${JSON.stringify(res.body)}`)
      if (res.body.message !== 'Bad token scope') continue
      // Only where no access token will do (refreshSession, deleteSession take a refresh token).
      const asFull = await callBare(nsid, fullJwt())
      assert.equal(
        asFull.body.message,
        'Bad token scope',
        `${nsid} refused an app password: ${JSON.stringify(res.body)}`,
      )
    }
  })

  test('a sample of the others does what it is asked with an app password', async () => {
    const created = await xrpc(t.url, 'com.atproto.repo.createRecord', {
      auth: plainJwt,
      body: { repo: alice.did, collection: 'app.bsky.feed.post', record: post0() },
    })
    assert.equal(created.status, 200, JSON.stringify(created.body))
    const listed = await xrpc(t.url, 'com.atproto.server.listAppPasswords', { auth: plainJwt })
    assert.equal(listed.status, 200)
    assert.ok((listed.body.passwords as unknown[]).length >= 2)
    const session = await xrpc(t.url, 'com.atproto.server.getSession', { auth: plainJwt })
    assert.equal(session.body.did, alice.did)
    const token = await xrpc(t.url, 'com.atproto.server.getServiceAuth', {
      auth: plainJwt,
      params: { aud: chat.did, lxm: 'app.bsky.feed.getTimeline' },
    })
    assert.equal(token.status, 200, JSON.stringify(token.body))
    const prefs = await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: plainJwt })
    assert.equal(prefs.status, 200)
  })

  test('personal details in preferences stay with a password login, as the official PDS keeps them', async () => {
    const details = { $type: 'app.bsky.actor.defs#personalDetailsPref', birthDate: '2000-01-01T00:00:00.000Z' }
    const feed = { $type: 'app.bsky.actor.defs#savedFeedsPrefV2', items: [] }
    const put = await xrpc(t.url, 'app.bsky.actor.putPreferences', {
      auth: fullJwt(),
      body: { preferences: [details, feed] },
    })
    assert.equal(put.status, 200, JSON.stringify(put.body))
    const types = async (jwt: string) => {
      const res = await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: jwt })
      return (res.body.preferences as { $type: string }[]).map((p) => p.$type)
    }
    assert.ok((await types(fullJwt())).includes(details.$type))
    for (const jwt of [plainJwt, privilegedJwt]) {
      assert.ok(!(await types(jwt)).includes(details.$type))
      const refused = await xrpc(t.url, 'app.bsky.actor.putPreferences', {
        auth: jwt,
        body: { preferences: [details] },
      })
      assertRefused(refused, 400, 'InvalidRequest', /Do not have authorization to set preferences/)
      // What it may write replaces the rest, and the personal details stay.
      const kept = await xrpc(t.url, 'app.bsky.actor.putPreferences', { auth: jwt, body: { preferences: [feed] } })
      assert.equal(kept.status, 200)
    }
    assert.ok((await types(fullJwt())).includes(details.$type))
  })

  test("a domain owner's app password does not manage the domain", async () => {
    const ownerFull = await session(owner.handle, owner.password)
    const res = await xrpc(t.url, 'com.atproto.server.createAppPassword', {
      auth: ownerFull.accessJwt,
      body: { name: 'owner-app' },
    })
    assert.equal(res.status, 200)
    const ownerApp = await session(owner.handle, res.body.password as string)
    const params = { domain: DOMAIN }
    const asApp = await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: ownerApp.accessJwt, params })
    assertRefused(asApp, 400, 'InvalidToken', 'Bad token scope')
    const asOwner = await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: ownerFull.accessJwt, params })
    assert.equal(asOwner.status, 200, JSON.stringify(asOwner.body))
  })

  test('service auth for a privileged method needs a privileged app password, whatever the case of its name', async () => {
    for (const lxm of PRIVILEGED_ONLY_METHOD_NAMES.concat(['com.atproto.server.createaccount'])) {
      const res = await xrpc(t.url, 'com.atproto.server.getServiceAuth', {
        auth: plainJwt,
        params: { aud: chat.did, lxm },
      })
      assertRefused(
        res,
        400,
        'InvalidRequest',
        `insufficient access to request a service auth token for the following method: ${lxm}`,
      )
      for (const jwt of [privilegedJwt, fullJwt()]) {
        const ok = await xrpc(t.url, 'com.atproto.server.getServiceAuth', { auth: jwt, params: { aud: chat.did, lxm } })
        assert.equal(ok.status, 200, `${lxm}: ${JSON.stringify(ok.body)}`)
        assert.equal(decodeJwt(ok.body.token as string).lxm, lxm)
      }
    }
  })

  test('the direct messages are passed on for a privileged app password only', async () => {
    const before = chat.calls.length
    const refused = await xrpc(t.url, 'chat.bsky.convo.listConvos', { auth: plainJwt })
    assertRefused(refused, 400, 'InvalidToken', 'Bad token method')
    const sent = await xrpc(t.url, 'chat.bsky.convo.sendMessage', {
      auth: plainJwt,
      body: { convoId: 'c', message: { text: 'hi' } },
    })
    assertRefused(sent, 400, 'InvalidToken', 'Bad token method')
    assert.equal(chat.calls.length, before, 'nothing reached the chat service')

    const agent = new AtpAgent({ service: t.url })
    await agent.resumeSession({ ...(full.session as NonNullable<typeof full.session>), accessJwt: privilegedJwt })
    const convos = await agent.withProxy('bsky_chat', chat.did).chat.bsky.convo.listConvos()
    assert.deepEqual(convos.data, { convos: [] })
    const call = chat.calls.at(-1)
    assert.equal(call?.nsid, 'chat.bsky.convo.listConvos')
    assert.equal(call?.iss, alice.did)
  })
})

describe('revoking', () => {
  test('revoking an app password ends its sessions, access and refresh, and its logins; others live on', async () => {
    const password = await made('to-revoke')
    const keeper = await made('keeper')
    const first = await session(alice.handle, password)
    const second = await session(alice.handle, password)
    const kept = await session(alice.handle, keeper)
    const ownBefore = await xrpc(t.url, 'com.atproto.server.getSession', { auth: first.accessJwt })
    assert.equal(ownBefore.status, 200)

    // From the app password's own session, as the official PDS allows.
    const res = await xrpc(t.url, 'com.atproto.server.revokeAppPassword', {
      auth: first.accessJwt,
      body: { name: 'to-revoke' },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))

    for (const s of [first, second]) {
      const get = await xrpc(t.url, 'com.atproto.server.getSession', { auth: s.accessJwt })
      assertRefused(get, 400, 'ExpiredToken', 'Token has been revoked')
      const refresh = await xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: s.refreshJwt })
      assertRefused(refresh, 400, 'ExpiredToken', 'Token has been revoked')
    }
    assertRefused(await login(alice.handle, password), 401, 'AuthenticationRequired', 'Invalid identifier or password')
    const listed = await full.com.atproto.server.listAppPasswords()
    assert.ok(!listed.data.passwords.some((p) => p.name === 'to-revoke'))

    assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: kept.accessJwt })).status, 200)
    assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: fullJwt() })).status, 200)
    // A name no app password has: nothing to do, no error (as the official PDS).
    const none = await xrpc(t.url, 'com.atproto.server.revokeAppPassword', {
      auth: fullJwt(),
      body: { name: 'never-made' },
    })
    assert.equal(none.status, 200)
    await xrpc(t.url, 'com.atproto.server.revokeAppPassword', { auth: fullJwt(), body: { name: 'keeper' } })
  })
})

describe('refusals', () => {
  test('a second app password of the same name is refused, and the first still works', async () => {
    const password = await made('same-name')
    const res = await createAppPassword('same-name', true)
    assertRefused(res, 400, 'InvalidRequest', 'An app password named "same-name" already exists; choose another name')
    const listed = await full.com.atproto.server.listAppPasswords()
    assert.deepEqual(
      listed.data.passwords.filter((p) => p.name === 'same-name').map((p) => p.privileged),
      [false],
    )
    assert.equal(scopeOf((await session(alice.handle, password)).accessJwt), 'com.atproto.appPass')
    await xrpc(t.url, 'com.atproto.server.revokeAppPassword', { auth: fullJwt(), body: { name: 'same-name' } })
  })

  test('past the configured number per account, one more is refused until one is revoked', async () => {
    const bob = await createAccount(t, `bob.${DOMAIN}`)
    const bobJwt = (await session(bob.handle, bob.password)).accessJwt
    const make = (name: string) => createAppPassword(name, false, bobJwt)
    // Made at once: the limit holds under a race too.
    const all = await Promise.all(Array.from({ length: PER_ACCOUNT + 2 }, (_, i) => make(`app-${i}`)))
    assert.equal(all.filter((r) => r.status === 200).length, PER_ACCOUNT)
    for (const r of all.filter((r) => r.status !== 200)) {
      assertRefused(
        r,
        400,
        'InvalidRequest',
        `An account may have at most ${PER_ACCOUNT} app passwords; revoke one to make another`,
      )
    }
    const name = (all.find((r) => r.status === 200)?.body.name ?? '') as string
    await xrpc(t.url, 'com.atproto.server.revokeAppPassword', { auth: bobJwt, body: { name } })
    assert.equal((await make('after-revoke')).status, 200)
  })

  test('bad input gets a clear 400, never a 500', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /name/],
      [{ name: 42 }, /name/],
      [{ name: '' }, /needs a name/],
      [{ name: '   ' }, /needs a name/],
      [{ name: 'x'.repeat(NAME_LENGTH + 1) }, new RegExp(`at most ${NAME_LENGTH} characters`)],
      [{ name: 'nul\u0000name' }, /NUL/],
      [{ name: 'ok', privileged: 'yes' }, /privileged/],
    ]
    for (const [body, message] of cases) {
      const res = await xrpc(t.url, 'com.atproto.server.createAppPassword', { auth: fullJwt(), body })
      assertRefused(res, 400, 'InvalidRequest', message)
    }
    const revoke = await xrpc(t.url, 'com.atproto.server.revokeAppPassword', { auth: fullJwt(), body: {} })
    assertRefused(revoke, 400, 'InvalidRequest', /name/)
    const nul = await xrpc(t.url, 'com.atproto.server.revokeAppPassword', {
      auth: fullJwt(),
      body: { name: 'a\u0000b' },
    })
    assert.equal(nul.status, 200)
    const anonymous = await xrpc(t.url, 'com.atproto.server.listAppPasswords')
    assertRefused(anonymous, 401, 'AuthMissing')
  })

  test('a suspended account logs in with none of its app passwords', async () => {
    const carol = await createAccount(t, `carol.${DOMAIN}`)
    const carolJwt = (await session(carol.handle, carol.password)).accessJwt
    const res = await createAppPassword('carol-app', false, carolJwt)
    const suspend = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      auth: t.adminKey,
      body: { did: carol.did, status: 'suspended' },
    })
    assert.equal(suspend.status, 200, JSON.stringify(suspend.body))
    const attempt = await login(carol.handle, res.body.password as string)
    assertRefused(attempt, 401, 'AuthenticationRequired', 'Invalid identifier or password')
  })

  test('deleting an account deletes its app passwords', async () => {
    const dave = await createAccount(t, `dave.${DOMAIN}`)
    const daveJwt = (await session(dave.handle, dave.password)).accessJwt
    assert.equal((await createAppPassword('dave-app', false, daveJwt)).status, 200)
    const dbName = (await t.ctx.accounts.mustLocate(dave.did)).db_name
    const del = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: dave.did } })
    assert.equal(del.status, 200, JSON.stringify(del.body))
    const rows = await t.ctx.storage.withTenant(dbName, (db) =>
      db.selectFrom('app_password').select('name').where('did', '=', dave.did).execute(),
    )
    assert.deepEqual(rows, [])
  })
})

describe('a login racing a revocation', () => {
  test('a session is not stored for an app password revoked after it was checked', async () => {
    await raceOn(t)
  })

  test('the same on the embedded database', async () => {
    const embedded = await startTestServer({ backend: 'embedded' })
    try {
      await addDomain(embedded, DOMAIN)
      await raceOn(embedded)
    } finally {
      await embedded.close()
    }
  })
})

/** Opens a session for an app password as a login that checked it just before its revocation would. */
async function raceOn(server: TestServer): Promise<void> {
  const erin = await createAccount(server, `erin-${server.url.split(':').at(-1)}.${DOMAIN}`)
  const located = await server.ctx.accounts.mustLocate(erin.did)
  const made = await server.ctx.appPasswords.create(located, 'raced', false)
  const grant = await server.ctx.sessions.login(located, made.password)
  assert.equal(grant.scope, 'appPass')
  await server.ctx.appPasswords.revoke(located, 'raced')
  await assert.rejects(
    server.ctx.sessions.start(located, { name: 'raced', privileged: false }),
    (err) => err instanceof AuthRequiredError && err.message === 'Invalid identifier or password',
  )
  const rows = await server.ctx.storage.withTenant(located.db_name, (db) =>
    db
      .selectFrom('refresh_token')
      .select('id')
      .where('did', '=', erin.did)
      .where('app_password_name', 'is not', null)
      .execute(),
  )
  assert.deepEqual(rows, [])
}

function post0() {
  return { $type: 'app.bsky.feed.post', text: 'from an app password', createdAt: new Date().toISOString() }
}
