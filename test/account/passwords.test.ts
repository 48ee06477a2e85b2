// Password hashing and checking: off the event loop (it keeps turning while
// a check runs), new hashes in the official PDS's scrypt format, old bcrypt
// hashes still accepted and replaced at the next login, and a bounded queue
// of checks.
import assert from 'node:assert/strict'
import { scrypt } from 'node:crypto'
import { after, before, test } from 'node:test'
import { XRPCError } from '@atproto/xrpc-server'
import bcrypt from 'bcryptjs'
import { Passwords } from '../../src/account/password.js'
import { ConfigError, validateConfig } from '../../src/config/config.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const PASSWORD = 'correct horse battery'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await addDomain(t, 'pw.test')
})
after(() => t.close())

async function storedHash(handle: string): Promise<string> {
  const located = await t.ctx.accounts.locate(handle)
  assert.ok(located)
  const row = await t.ctx.storage.withTenant(located.db_name, (db) =>
    db.selectFrom('account').select('password_hash').where('did', '=', located.did).executeTakeFirstOrThrow(),
  )
  return row.password_hash
}

/** Gives the account a bcrypt hash, as accounts created before scrypt have. */
async function setBcryptHash(handle: string, password: string): Promise<string> {
  const hash = bcrypt.hashSync(password, 10)
  const located = await t.ctx.accounts.locate(handle)
  assert.ok(located)
  await t.ctx.storage.withTenant(located.db_name, (db) =>
    db.updateTable('account').set({ password_hash: hash }).where('did', '=', located.did).execute(),
  )
  return hash
}

const login = (identifier: string, password: string) =>
  xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })

/** Turns the event loop makes while `work` is under way (each turn one setImmediate). */
async function loopTurnsDuring(work: Promise<unknown>): Promise<number> {
  let settled = false
  const done = work.finally(() => {
    settled = true
  })
  let turns = 0
  while (!settled) {
    await new Promise((resolve) => setImmediate(resolve))
    turns++
  }
  await done
  return turns
}

test('a password check leaves the event loop free while it runs: scrypt, bcrypt, or no account', async () => {
  const scryptHash = await t.ctx.passwords.hash(PASSWORD)
  const bcryptHash = bcrypt.hashSync(PASSWORD, 10)
  for (const [name, hash] of [
    ['scrypt', scryptHash],
    ['bcrypt', bcryptHash],
    ['no account', undefined],
  ] as const) {
    // A check run on the loop (bcryptjs, even its async API) takes it in chunks of up to 100 ms: a turn or two in all.
    const turns = await loopTurnsDuring(t.ctx.passwords.verify('wrong password!', hash))
    assert.ok(turns >= 50, `${name}: ${turns} turns of the loop while it was checked`)
  }
  assert.ok((await loopTurnsDuring(t.ctx.passwords.hash(PASSWORD))) >= 50, 'hashing too')
})

/** Whether `password` matches `stored` as the official PDS checks it (scrypt, the salt's hex text as salt). */
function officialVerify(password: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split(':') as [string, string]
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 64, (err, key) => (err ? reject(err) : resolve(key.toString('hex') === hash))),
  )
}

test("new accounts' passwords are stored as the official PDS stores them", async () => {
  const { owner } = await addDomain(t, 'pw-owner.test')
  await createAccount(t, 'fresh.pw.test')
  for (const [handle, password] of [
    ['fresh.pw.test', PASSWORD],
    [owner.handle, owner.password],
  ] as const) {
    const stored = await storedHash(handle)
    assert.match(stored, /^[0-9a-f]{32}:[0-9a-f]{128}$/)
    assert.equal(await officialVerify(password, stored), true)
    assert.equal(await officialVerify('another password', stored), false)
    assert.equal((await login(handle, password)).status, 200)
  }
})

test('a bcrypt hash still logs in, and is replaced by scrypt at its first successful login', async () => {
  const handle = 'legacy.pw.test'
  await createAccount(t, handle)
  const old = await setBcryptHash(handle, PASSWORD)

  assert.equal((await login(handle, 'wrong password!')).status, 401)
  assert.equal(await storedHash(handle), old, 'a wrong password changes nothing')
  // bcrypt reads 72 bytes: a longer password sharing them is not the password.
  const long = 'p'.repeat(72)
  const longHash = await setBcryptHash(handle, long)
  assert.equal((await login(handle, `${long}and more`)).status, 401)
  assert.equal(await storedHash(handle), longHash)
  await setBcryptHash(handle, PASSWORD)

  const ok = await login(handle, PASSWORD)
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
  const upgraded = await storedHash(handle)
  assert.match(upgraded, /^[0-9a-f]{32}:[0-9a-f]{128}$/)
  assert.equal(await officialVerify(PASSWORD, upgraded), true)
  assert.equal((await login(handle, PASSWORD)).status, 200, 'the new hash logs in')
  assert.equal((await login(handle, 'wrong password!')).status, 401)
})

test('a password is kept whole up to 256 bytes, and longer ones are refused', async () => {
  const long = 'long password '.repeat(14) // 196 bytes
  await createAccount(t, 'long.pw.test', long)
  assert.equal((await login('long.pw.test', long)).status, 200)
  assert.equal((await login('long.pw.test', `${long.slice(0, 72)}and not the rest`)).status, 401)
  assert.equal((await login('long.pw.test', 'x'.repeat(1_000_000))).status, 401)
  // 129 characters, 258 bytes.
  await assert.rejects(
    t.ctx.accounts.create({ handle: 'too-long.pw.test', password: 'é'.repeat(129) }),
    (err: Error & { customErrorName?: string }) => err.customErrorName === 'InvalidPassword',
  )
})

test('checks wait their turn a few at a time, and past the queue are refused with 503', async () => {
  const passwords = new Passwords({ concurrency: 1, maxQueued: 1 })
  try {
    const hash = await passwords.hash(PASSWORD)
    const [first, second, third] = await Promise.allSettled([
      passwords.verify(PASSWORD, hash),
      passwords.verify('wrong password!', hash),
      passwords.verify(PASSWORD, hash),
    ])
    assert.deepEqual(first, { status: 'fulfilled', value: { ok: true } }, 'running')
    assert.deepEqual(second, { status: 'fulfilled', value: { ok: false } }, 'waited, then ran')
    assert.equal(third?.status, 'rejected', 'past the queue')
    const refused = (third as PromiseRejectedResult).reason
    assert.ok(refused instanceof XRPCError)
    assert.equal(refused.statusCode, 503)
    assert.equal(refused.payload.error, 'NotEnoughResources')
    // Every place was handed back: the next checks run.
    assert.deepEqual(
      (await Promise.all([passwords.verify(PASSWORD, hash), passwords.verify(PASSWORD, hash)])).map((c) => c.ok),
      [true, true],
    )
  } finally {
    await passwords.close()
  }
})

test('the queue is configured under limits, 2 at a time and 100 waiting by default, and checked', () => {
  const { limits } = validateConfig({}, 'test', '/tmp')
  assert.deepEqual([limits.passwordHashConcurrency, limits.passwordHashQueue], [2, 100])
  assert.throws(
    () => validateConfig({ limits: { passwordHashConcurrency: 0, passwordHashQueue: -1 } }, 'test', '/tmp'),
    (err: unknown) =>
      err instanceof ConfigError &&
      err.problems.some((p) => p.includes('limits.passwordHashConcurrency')) &&
      err.problems.some((p) => p.includes('limits.passwordHashQueue')),
  )
})

test('over HTTP, a full queue answers 503 NotEnoughResources, never a 500', async () => {
  const s = await startTestServer({ config: { limits: { passwordHashConcurrency: 1, passwordHashQueue: 0 } } })
  try {
    const answers = await Promise.all(
      // Twenty at once, each check tens of milliseconds: they cannot all have run one after another.
      Array.from({ length: 20 }, () =>
        xrpc(s.url, 'com.atproto.server.createSession', { body: { identifier: 'x.nowhere.test', password: 'pw' } }),
      ),
    )
    const statuses = answers.map((a) => a.status)
    assert.ok(statuses.includes(401), statuses.join())
    assert.ok(statuses.includes(503), statuses.join())
    assert.deepEqual(new Set(statuses), new Set([401, 503]))
    for (const a of answers.filter((x) => x.status === 503)) assert.equal(a.body.error, 'NotEnoughResources')
  } finally {
    await s.close()
  }
})
