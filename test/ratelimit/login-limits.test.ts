// Login budgets per account: the 31st createSession for one account within
// five minutes is refused whichever IP sends it and whichever identifier
// (handle, email, DID) names the account, before its password is checked;
// other accounts log in as before; the daily budget on top; agent login
// challenges on budgets of their own; 0 points turns both off.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { validateConfig } from '../../src/config/config.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const PASSWORD = 'correct horse battery'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await addDomain(t, 'budget.test')
})
after(() => t.close())

async function account(s: TestServer, handle: string): Promise<{ did: string; handle: string; email: string }> {
  const email = `${handle.split('.')[0]}@mail.test`
  const res = await xrpc(s.url, 'host.primal.pds.createAccount', {
    auth: s.adminKey,
    body: { handle, email, password: PASSWORD },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return { did: res.body.did as string, handle, email }
}

/** createSession from client `ip`, as the trusted loopback proxy forwards it. */
async function login(s: TestServer, identifier: string, password: string, ip: string) {
  const res = await fetch(`${s.url}/xrpc/com.atproto.server.createSession`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ identifier, password }),
  })
  const body = (await res.json()) as { error?: string }
  return { status: res.status, error: body.error, policy: res.headers.get('ratelimit-policy') }
}

test('by default, 30 logins per account in 5 minutes and 300 a day', () => {
  const { loginsPerAccount, loginsPerAccountDaily } = validateConfig({}, 'test', '/tmp').rateLimits
  assert.deepEqual(loginsPerAccount, { points: 30, windowSeconds: 300 })
  assert.deepEqual(loginsPerAccountDaily, { points: 300, windowSeconds: 86_400 })
})

test('the 31st login to one account is refused from any IP and by any identifier; another account still logs in', async () => {
  const victim = await account(t, 'victim.budget.test')
  const other = await account(t, 'other.budget.test')
  const names = [victim.handle, victim.email.toUpperCase(), victim.did]
  for (let i = 0; i < 30; i++) {
    const answer = await login(t, names[i % 3] as string, 'wrong password!', `198.51.100.${i + 1}`)
    assert.equal(answer.status, 401, `attempt ${i + 1}`)
  }
  // The right password from a new IP: the budget is the account's, and it is spent.
  const refused = await login(t, victim.handle, PASSWORD, '203.0.113.99')
  assert.deepEqual(refused, { status: 429, error: 'RateLimitExceeded', policy: '30;w=300' })
  assert.equal((await login(t, ` ${victim.did} `, PASSWORD, '203.0.113.98')).status, 429)

  const ok = await login(t, other.handle, PASSWORD, '198.51.100.1')
  assert.equal(ok.status, 200)
  assert.equal(ok.policy, '30;w=300')
})

test('an identifier no account has is counted too, under its own budget', async () => {
  for (let i = 0; i < 30; i++) {
    assert.equal((await login(t, 'Ghost.budget.test', 'wrong password!', `192.0.2.${i + 1}`)).status, 401)
  }
  assert.equal((await login(t, 'ghost.budget.test', 'wrong password!', '192.0.2.200')).status, 429)
  assert.equal((await login(t, 'ghost2.budget.test', 'wrong password!', '192.0.2.200')).status, 401)
})

test('the daily budget applies on top; agent login challenges have budgets of their own', async () => {
  const s = await startTestServer({
    config: { rateLimits: { loginsPerAccountDaily: { points: 2, windowSeconds: 86_400 } } },
  })
  try {
    await addDomain(s, 'daily.test')
    const a = await account(s, 'alice.daily.test')
    const requestLogin = (identifier: string) => xrpc(s.url, 'is.gather.agent.requestLogin', { body: { identifier } })
    assert.equal((await login(s, a.handle, PASSWORD, '198.51.100.1')).status, 200)
    assert.equal((await login(s, a.did, 'wrong password!', '198.51.100.2')).status, 401)
    const refused = await login(s, a.handle, PASSWORD, '198.51.100.3')
    assert.deepEqual(refused, { status: 429, error: 'RateLimitExceeded', policy: '2;w=86400' })
    // Guessing at the password spent none of the challenges' budget.
    for (let i = 0; i < 2; i++) assert.equal((await requestLogin(a.handle)).body.error, 'NotAnAgent')
    assert.equal((await requestLogin(a.did)).status, 429)
  } finally {
    await s.close()
  }
})

test('0 points turns the login budgets off', async () => {
  const s = await startTestServer({
    backend: 'embedded',
    config: {
      rateLimits: {
        loginsPerAccount: { points: 0, windowSeconds: 300 },
        loginsPerAccountDaily: { points: 0, windowSeconds: 86_400 },
      },
    },
  })
  try {
    await addDomain(s, 'off.test')
    const a = await account(s, 'alice.off.test')
    for (let i = 0; i < 3; i++) {
      const answer = await login(s, a.handle, PASSWORD, '198.51.100.1')
      assert.equal(answer.status, 200)
      assert.equal(answer.policy, '3000;w=300', 'only the per-IP budget is shown')
    }
  } finally {
    await s.close()
  }
})
