// A refresh token used again within the grace period after its rotation
// answers the same new pair (a client that lost the answer keeps its
// session); after the grace period, or once the session is deleted, it is
// refused. The grace period's end is moved into the past in the database, so
// no test waits two hours.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { decodeJwt } from 'jose'
import pg from 'pg'
import { REFRESH_GRACE_MS } from '../../src/account/session-service.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { urlFor } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type XrpcResponse, xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'grace.test'
let t: TestServer
let alice: { did: string; handle: string; password: string }
let dbName: string

before(async () => {
  t = await startTestServer()
  await addDomain(t, DOMAIN)
  alice = await createAccount(t, `alice.${DOMAIN}`)
  dbName = (await t.ctx.accounts.mustLocate(alice.did)).db_name
})
after(() => t?.close())

type Pair = { accessJwt: string; refreshJwt: string }

async function login(): Promise<Pair> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: alice.handle, password: alice.password },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as Pair
}

function refresh(refreshJwt: string): Promise<XrpcResponse> {
  return xrpc(t.url, 'com.atproto.server.refreshSession', { post: true, auth: refreshJwt })
}

async function refreshed(refreshJwt: string): Promise<Pair> {
  const res = await refresh(refreshJwt)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return { accessJwt: res.body.accessJwt as string, refreshJwt: res.body.refreshJwt as string }
}

function tokenId(refreshJwt: string): string {
  return decodeJwt(refreshJwt).jti as string
}

function row(refreshJwt: string) {
  return t.ctx.storage.withTenant(dbName, (db) =>
    db.selectFrom('refresh_token').selectAll().where('id', '=', tokenId(refreshJwt)).executeTakeFirst(),
  )
}

/** The grace period of a used token, over. */
async function endGrace(refreshJwt: string): Promise<void> {
  await t.ctx.storage.withTenant(dbName, (db) =>
    db
      .updateTable('refresh_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', tokenId(refreshJwt))
      .execute(),
  )
}

function assertRevoked(res: XrpcResponse): void {
  assert.equal(res.status, 400, JSON.stringify(res.body))
  assert.equal(res.body.error, 'ExpiredToken')
}

test('used again within the grace period, a refresh token answers the very pair its first use issued', async () => {
  const first = await login()
  const next = await refreshed(first.refreshJwt)
  assert.notEqual(next.refreshJwt, first.refreshJwt)
  const again = await refreshed(first.refreshJwt)
  assert.deepEqual(again, next)

  // Used once, the token lives on only for the grace period, naming what it issued.
  const used = await row(first.refreshJwt)
  assert.equal(used?.next_id, tokenId(next.refreshJwt))
  const graceLeft = new Date(used?.expires_at as string).getTime() - Date.now()
  assert.ok(graceLeft > REFRESH_GRACE_MS - 60_000 && graceLeft <= REFRESH_GRACE_MS, String(graceLeft))
  assert.equal(REFRESH_GRACE_MS, 2 * 60 * 60 * 1000)

  // Uses at once (a client's retries racing) all get one pair.
  const racing = await Promise.all([1, 2, 3, 4].map(() => refreshed(next.refreshJwt)))
  for (const pair of racing) assert.deepEqual(pair, racing[0])
  const third = racing[0] as Pair
  assert.notEqual(third.refreshJwt, next.refreshJwt)

  // Every pair handed out works; the session rotates on from the newest.
  for (const pair of [next, third]) {
    assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: pair.accessJwt })).status, 200)
  }
  const fourth = await refreshed(third.refreshJwt)
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: fourth.accessJwt })).status, 200)
  // The first token still answers with its own successor, not the newest pair.
  assert.deepEqual(await refreshed(first.refreshJwt), next)
})

test('after the grace period the used token is refused, and the session it led to goes on', async () => {
  const first = await login()
  const next = await refreshed(first.refreshJwt)
  await endGrace(first.refreshJwt)
  assertRevoked(await refresh(first.refreshJwt))
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: next.accessJwt })).status, 200)
  const later = await refreshed(next.refreshJwt)
  // That refresh tidied away the account's tokens past their grace.
  assert.equal(await row(first.refreshJwt), undefined)
  assert.notEqual(await row(next.refreshJwt), undefined)
  assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: later.accessJwt })).status, 200)
})

test('logging out ends the grace period too: every token of the session is refused', async () => {
  const first = await login()
  const next = await refreshed(first.refreshJwt)
  const out = await xrpc(t.url, 'com.atproto.server.deleteSession', { post: true, auth: next.refreshJwt })
  assert.equal(out.status, 200)
  assertRevoked(await refresh(first.refreshJwt))
  assertRevoked(await refresh(next.refreshJwt))
  assertRevoked(await xrpc(t.url, 'com.atproto.server.getSession', { auth: next.accessJwt }))

  // Another session of the account is untouched by that logout.
  const other = await login()
  assert.equal((await refresh(other.refreshJwt)).status, 200)
})

test('a suspended account’s token is refused and left as it was, so it works again once the account is back', async () => {
  const first = await login()
  const suspend = (status: string) =>
    xrpc(t.url, 'host.primal.pds.updateAccountStatus', { auth: t.adminKey, body: { did: alice.did, status } })
  assert.equal((await suspend('suspended')).status, 200)
  const refused = await refresh(first.refreshJwt)
  assert.equal(refused.status, 401)
  assert.equal(refused.body.error, 'AccountTakedown')
  assert.equal((await row(first.refreshJwt))?.next_id, null)
  assert.equal((await suspend('active')).status, 200)
  assert.equal((await refresh(first.refreshJwt)).status, 200)
})

test('a refresh in flight when the session is deleted does not outlive it', async () => {
  // The race needs two connections at once: Postgres (the embedded database runs one statement at a time).
  assert.equal(t.backend, 'postgres')
  // The token before this one, past its grace: the refresh tidies it away as it commits.
  const first = await login()
  const pair = await refreshed(first.refreshJwt)
  await endGrace(first.refreshJwt)
  const sessionId = (await row(pair.refreshJwt))?.session_id
  assert.ok(sessionId)
  const watcher = new pg.Client({ connectionString: urlFor(dbName) })
  await watcher.connect()
  let logout: Promise<XrpcResponse> | undefined
  try {
    // A refresh as SessionService.refresh makes it, held open once it has the token and its successor
    // until the logout is waiting on it; then it tidies and commits.
    await t.ctx.storage.transact(dbName, async (tx) => {
      const graceEnd = new Date(Date.now() + REFRESH_GRACE_MS)
      assert.equal(
        await tx.sessions.useRefresh(tokenId(pair.refreshJwt), alice.did, 'successor', graceEnd),
        'successor',
      )
      await tx.sessions.insertRefresh({
        id: 'successor',
        sessionId,
        did: alice.did,
        expiresAt: new Date(Date.now() + 86_400_000),
        issuedAt: new Date(),
      })
      logout = xrpc(t.url, 'com.atproto.server.deleteSession', { post: true, auth: pair.refreshJwt })
      const deadline = Date.now() + 30_000
      for (;;) {
        const waiting = await watcher.query(
          "select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
          [dbName],
        )
        if (waiting.rowCount) break
        assert.ok(Date.now() < deadline, 'the logout never waited on the refresh')
        await new Promise((resolve) => setImmediate(resolve))
      }
      await tx.sessions.deleteExpired(alice.did)
    })
    assert.equal((await (logout as Promise<XrpcResponse>)).status, 200)
  } finally {
    await watcher.end()
  }
  const left = await t.ctx.storage.withTenant(dbName, (db) =>
    db.selectFrom('refresh_token').select('id').where('session_id', '=', sessionId).execute(),
  )
  assert.deepEqual(left, [], 'the successor the refresh committed is deleted with its session')
})
