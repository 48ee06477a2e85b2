// Agent registration by proof of work, keypair login and key rotation, the
// per-domain settings behind them, and the agent rate limits: what an agent
// gets right, and every way it can get it wrong leaving nothing behind.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { agentDomain, atprotoKey, ed25519Key, fallShort, loginAgent, registerAgent, solve } from './helpers.js'

const DOMAIN = 'agents.test'

async function accountCount(t: TestServer, domain: string): Promise<number> {
  const res = await xrpc(t.url, 'host.primal.pds.listAccounts', {
    auth: t.adminKey,
    params: { domain, limit: '100' },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body.accounts as unknown[]).length
}

async function sessionCount(t: TestServer, did: string): Promise<number> {
  const located = await t.ctx.accounts.mustLocate(did)
  return t.ctx.storage.withTenant(located.db_name, async (db) => {
    const rows = await db.selectFrom('refresh_token').select('id').where('did', '=', did).execute()
    return rows.length
  })
}

async function challenge(t: TestServer, domain = DOMAIN) {
  const res = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { challenge: string; difficulty: number; expiresAt: string; algorithm: string }
}

/** Registers with a solved challenge; the answer, whatever it is. */
function solvedRegistration(t: TestServer, ch: { challenge: string; difficulty: number }, name: string) {
  return xrpc(t.url, 'is.gather.agent.register', {
    body: {
      challenge: ch.challenge,
      nonce: solve(ch.challenge, ch.difficulty),
      publicKey: ed25519Key().didKey,
      name,
    },
  })
}

describe('agent registration and login', () => {
  let t: TestServer
  before(async () => {
    t = await startTestServer({
      config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
    })
    await agentDomain(t, DOMAIN, 10)
  })
  after(() => t.close())

  test('an Ed25519 agent registers, gets its profile in its first commits, and logs in by signature', async () => {
    const key = ed25519Key()
    const ch = await challenge(t)
    assert.equal(ch.difficulty, 10)
    assert.equal(ch.algorithm, 'sha256-leading-zero-bits')
    const reg = await xrpc(t.url, 'is.gather.agent.register', {
      body: {
        challenge: ch.challenge,
        nonce: solve(ch.challenge, ch.difficulty),
        publicKey: key.publicKey,
        name: 'Research Bot',
        description: 'Reads papers',
        capabilities: ['post', 'review'],
      },
    })
    assert.equal(reg.status, 200, JSON.stringify(reg.body))
    assert.equal(reg.body.handle, `research-bot.${DOMAIN}`)
    assert.match(String(reg.body.did), /^did:plc:[a-z2-7]{24}$/)

    const profile = await xrpc(t.url, 'com.atproto.repo.getRecord', {
      params: { repo: String(reg.body.did), collection: 'is.gather.actor.profile', rkey: 'self' },
    })
    assert.equal(profile.status, 200, JSON.stringify(profile.body))
    const value = profile.body.value as Record<string, unknown>
    assert.equal(value.name, 'Research Bot')
    assert.equal(value.publicKey, key.didKey, 'the bare key is stored as its did:key')
    assert.deepEqual(value.capabilities, ['post', 'review'])

    // The registration session works like createSession's.
    const session = await xrpc(t.url, 'com.atproto.server.getSession', { auth: String(reg.body.accessJwt) })
    assert.equal(session.status, 200)
    assert.equal(session.body.did, reg.body.did)

    const login = await loginAgent(t, String(reg.body.handle), key)
    assert.equal(login.status, 200, JSON.stringify(login.body))
    assert.equal(login.body.did, reg.body.did)
    const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
      auth: String(login.body.accessJwt),
      body: {
        repo: reg.body.did,
        collection: 'is.gather.feed.post',
        record: { text: 'hello', createdAt: new Date().toISOString() },
      },
    })
    assert.equal(write.status, 200, JSON.stringify(write.body))
  })

  test('secp256k1 and P-256 agents register and log in with did:key', async () => {
    for (const type of ['secp256k1', 'p256'] as const) {
      const key = await atprotoKey(type)
      const reg = await registerAgent(t, DOMAIN, key, { handle: `k-${type}`, name: `Key ${type}` })
      assert.equal(reg.handle, `k-${type}.${DOMAIN}`)
      const login = await loginAgent(t, reg.did, key)
      assert.equal(login.status, 200, `${type}: ${JSON.stringify(login.body)}`)
    }
  })

  test('a challenge registers once: a replay is refused and creates nothing', async () => {
    const ch = await challenge(t)
    const nonce = solve(ch.challenge, ch.difficulty)
    const body = { challenge: ch.challenge, nonce, publicKey: ed25519Key().didKey, name: 'Once' }
    const first = await xrpc(t.url, 'is.gather.agent.register', { body: { ...body, handle: 'once-a' } })
    assert.equal(first.status, 200, JSON.stringify(first.body))
    const before = await accountCount(t, DOMAIN)
    const replay = await xrpc(t.url, 'is.gather.agent.register', {
      body: { ...body, handle: 'once-b', publicKey: ed25519Key().didKey },
    })
    assert.equal(replay.status, 400)
    assert.equal(replay.body.error, 'InvalidChallenge')
    assert.equal(await accountCount(t, DOMAIN), before)
  })

  test('concurrent registrations with one challenge create exactly one account', async () => {
    const ch = await challenge(t)
    const nonce = solve(ch.challenge, ch.difficulty)
    const before = await accountCount(t, DOMAIN)
    const results = await Promise.all(
      ['race-a', 'race-b', 'race-c'].map((handle) =>
        xrpc(t.url, 'is.gather.agent.register', {
          body: { challenge: ch.challenge, nonce, publicKey: ed25519Key().didKey, name: 'Racer', handle },
        }),
      ),
    )
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 400, 400])
    assert.equal(await accountCount(t, DOMAIN), before + 1)
  })

  test('an expired challenge is refused and leaves nothing', async () => {
    const ch = await challenge(t)
    await t.ctx.storage.management
      .updateTable('agent_challenge')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', ch.challenge)
      .execute()
    const before = await accountCount(t, DOMAIN)
    const res = await solvedRegistration(t, ch, 'Late Agent')
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'ExpiredChallenge')
    assert.equal(await accountCount(t, DOMAIN), before)
  })

  test('too little work, a malformed key or a bad profile is refused and the challenge stays usable', async () => {
    const ch = await challenge(t)
    const before = await accountCount(t, DOMAIN)
    const base = { challenge: ch.challenge, publicKey: ed25519Key().didKey, name: 'Careful Agent' }
    const short = await xrpc(t.url, 'is.gather.agent.register', {
      body: { ...base, nonce: fallShort(ch.challenge, ch.difficulty) },
    })
    assert.equal(short.status, 400)
    assert.equal(short.body.error, 'InsufficientWork')
    const nonce = solve(ch.challenge, ch.difficulty)
    for (const publicKey of [
      'did:key:zNotAKey',
      'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doKextra',
      'AAAA',
      'did:web:example.com',
    ]) {
      const bad = await xrpc(t.url, 'is.gather.agent.register', { body: { ...base, nonce, publicKey } })
      assert.equal(bad.status, 400, publicKey)
      assert.equal(bad.body.error, 'InvalidPublicKey', `${publicKey}: ${JSON.stringify(bad.body)}`)
    }
    const tooLong = await xrpc(t.url, 'is.gather.agent.register', {
      body: { ...base, nonce, publicKey: 'a'.repeat(300) },
    })
    assert.equal(tooLong.status, 400)
    assert.match(String(tooLong.body.message), /publicKey/)
    const longName = await xrpc(t.url, 'is.gather.agent.register', {
      body: { ...base, nonce, name: 'n'.repeat(200), handle: 'long-name' },
    })
    assert.equal(longName.status, 400)
    assert.match(String(longName.body.message), /name/)
    // A dot in the name part is what is wrong with these, not their length; each message says so.
    for (const handle of ['a.b', 'x.other.test', `a.b.${DOMAIN}`]) {
      const badHandle = await xrpc(t.url, 'is.gather.agent.register', { body: { ...base, nonce, handle } })
      assert.equal(badHandle.status, 400, handle)
      assert.equal(badHandle.body.error, 'InvalidHandle', handle)
      const message = String(badHandle.body.message)
      assert.match(message, /no dot/, handle)
      assert.doesNotMatch(message, /at least/, handle)
    }
    const dotted = await xrpc(t.url, 'is.gather.agent.register', { body: { ...base, nonce, handle: 'a.b' } })
    assert.match(String(dotted.body.message), /e\.g\. "a-b"\) or the whole handle \(e\.g\. "a-b\.agents\.test"\)/)
    // Too short is still refused as too short.
    const short2 = await xrpc(t.url, 'is.gather.agent.register', { body: { ...base, nonce, handle: 'ab' } })
    assert.match(String(short2.body.message), /at least 3/)
    assert.equal(await accountCount(t, DOMAIN), before, 'nothing was created')
    // None of those spent the challenge.
    const ok = await xrpc(t.url, 'is.gather.agent.register', { body: { ...base, nonce } })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
  })

  test('a string over its lexicon length is refused in bytes and graphemes, as the lexicon measures it', async () => {
    const reg = await registerAgent(t, DOMAIN, ed25519Key(), { handle: 'measured' })
    const create = (collection: string, record: Record<string, unknown>) =>
      xrpc(t.url, 'com.atproto.repo.createRecord', {
        auth: reg.accessJwt,
        body: { repo: reg.did, collection, record: { ...record, createdAt: new Date().toISOString() } },
      })
    // 300 graphemes are allowed; 300 family emoji are 7500 bytes, and the lexicon allows 3000.
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'
    const post = await create('is.gather.feed.post', { text: family.repeat(300) })
    assert.equal(post.status, 400)
    assert.equal(
      post.body.message,
      'Invalid is.gather.feed.post record: Record/text is 7500 bytes of UTF-8 (300 graphemes); it may be at most 3000 bytes and 300 graphemes',
    )
    // Through an array and a ref (#evidence): 100 graphemes allowed, 300 bytes.
    const review = await create('is.gather.skill.review', {
      subject: {
        uri: `at://${reg.did}/is.gather.skill.listing/x`,
        cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
      },
      rating: 3,
      evidence: [{ uri: 'https://example.com/log', description: '\u{1F600}'.repeat(80) }],
    })
    assert.equal(review.status, 400)
    assert.match(
      String(review.body.message),
      /Record\/evidence\/0\/description is 320 bytes of UTF-8 \(80 graphemes\); it may be at most 300 bytes and 100 graphemes/,
    )
    // Procedure input is measured the same way.
    const ch = await challenge(t)
    const input = await xrpc(t.url, 'is.gather.agent.register', {
      body: {
        challenge: ch.challenge,
        nonce: solve(ch.challenge, ch.difficulty),
        publicKey: ed25519Key().didKey,
        name: '\u{1F600}'.repeat(161),
      },
    })
    assert.equal(input.status, 400)
    assert.equal(input.body.message, 'Input/name must not be longer than 640 bytes of UTF-8')
  })

  test('registration needs a domain that accepts agents', async () => {
    await addDomain(t, 'closed.test')
    const closed = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain: 'closed.test' } })
    assert.equal(closed.status, 403)
    assert.equal(closed.body.error, 'RegistrationClosed')
    const unknown = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain: 'nowhere.test' } })
    assert.equal(unknown.status, 400)
    assert.equal(unknown.body.error, 'UnsupportedDomain')
    // A challenge issued while open is refused once the domain closes.
    const ch = await challenge(t)
    await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: t.adminKey,
      body: { domain: DOMAIN, agentRegistration: false },
    })
    try {
      const res = await solvedRegistration(t, ch, 'Too Late')
      assert.equal(res.status, 403)
      assert.equal(res.body.error, 'RegistrationClosed')
    } finally {
      await xrpc(t.url, 'host.primal.pds.updateDomain', {
        auth: t.adminKey,
        body: { domain: DOMAIN, agentRegistration: true },
      })
    }
  })

  test('domain settings: listed, changed by the domain owner, not by another domain, reset to defaults', async () => {
    const other = await addDomain(t, 'other-owner.test')
    const owner = await xrpc(t.url, 'com.atproto.server.createSession', {
      body: { identifier: other.owner.handle, password: other.owner.password },
    })
    const ownerJwt = String(owner.body.accessJwt)
    const foreign = await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: ownerJwt,
      body: { domain: DOMAIN, powDifficulty: 0 },
    })
    assert.equal(foreign.status, 403)
    const own = await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: ownerJwt,
      body: { domain: 'other-owner.test', agentRegistration: true, powDifficulty: 12 },
    })
    assert.equal(own.status, 200, JSON.stringify(own.body))
    assert.deepEqual(
      { ...(own.body.domain as object), createdAt: undefined },
      {
        name: 'other-owner.test',
        status: 'active',
        createdAt: undefined,
        agentRegistration: true,
        powDifficulty: 12,
        // The test server's invites.required.
        inviteRequired: false,
        // On the service host, with nothing to move.
        hostAccountsPending: 0,
      },
    )
    const tooHard = await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: t.adminKey,
      body: { domain: 'other-owner.test', powDifficulty: 99 },
    })
    assert.equal(tooHard.status, 400)
    const reset = await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: t.adminKey,
      body: { domain: 'other-owner.test', resetToDefaults: true },
    })
    assert.equal(reset.status, 200)
    const listed = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: t.adminKey })
    const row = (listed.body.domains as { name: string; agentRegistration: boolean; powDifficulty: number }[]).find(
      (d) => d.name === 'other-owner.test',
    )
    assert.deepEqual(
      { agentRegistration: row?.agentRegistration, powDifficulty: row?.powDifficulty },
      { agentRegistration: false, powDifficulty: 20 },
      'back to the config defaults',
    )
  })

  test('login refuses a wrong key, a reused or expired challenge and a suspended agent, opening no session', async () => {
    const key = ed25519Key()
    const reg = await registerAgent(t, DOMAIN, key, { handle: 'login-cases' })
    const sessions = await sessionCount(t, reg.did)

    const ch1 = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: reg.handle } })
    assert.match(String(ch1.body.message), new RegExp(`account: ${reg.did}`))
    const wrong = await xrpc(t.url, 'is.gather.agent.login', {
      body: { challenge: ch1.body.challenge, signature: await ed25519Key().sign(String(ch1.body.message)) },
    })
    assert.equal(wrong.status, 401)
    assert.equal(wrong.body.error, 'InvalidSignature')
    // The challenge was spent by the failed attempt.
    const again = await xrpc(t.url, 'is.gather.agent.login', {
      body: { challenge: ch1.body.challenge, signature: await key.sign(String(ch1.body.message)) },
    })
    assert.equal(again.status, 400)
    assert.equal(again.body.error, 'InvalidChallenge')

    const ch2 = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: reg.did } })
    const signature = await key.sign(String(ch2.body.message))
    const ok = await xrpc(t.url, 'is.gather.agent.login', { body: { challenge: ch2.body.challenge, signature } })
    assert.equal(ok.status, 200)
    const replay = await xrpc(t.url, 'is.gather.agent.login', { body: { challenge: ch2.body.challenge, signature } })
    assert.equal(replay.status, 400)
    assert.equal(replay.body.error, 'InvalidChallenge')

    const ch3 = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: reg.did } })
    await t.ctx.storage.management
      .updateTable('agent_challenge')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', String(ch3.body.challenge))
      .execute()
    const expired = await xrpc(t.url, 'is.gather.agent.login', {
      body: { challenge: ch3.body.challenge, signature: await key.sign(String(ch3.body.message)) },
    })
    assert.equal(expired.status, 400)
    assert.equal(expired.body.error, 'ExpiredChallenge')

    for (const signature of ['', 'not base64!', 'AAAA', 'f'.repeat(300)]) {
      const ch = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: reg.did } })
      const bad = await xrpc(t.url, 'is.gather.agent.login', { body: { challenge: ch.body.challenge, signature } })
      assert.equal(bad.status === 401 || bad.status === 400, true, `${signature}: ${bad.status}`)
    }
    assert.equal(await sessionCount(t, reg.did), sessions + 1, 'only the good login opened a session')

    const suspend = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      auth: t.adminKey,
      body: { did: reg.did, status: 'suspended' },
    })
    assert.equal(suspend.status, 200, JSON.stringify(suspend.body))
    const refused = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: reg.did } })
    assert.equal(refused.status, 401)
    assert.equal(refused.body.error, 'AccountTakedown')
  })

  test('password accounts are not agents, and unknown accounts are named as such', async () => {
    const owner = (await xrpc(t.url, 'host.primal.pds.listAccounts', { auth: t.adminKey, params: { domain: DOMAIN } }))
      .body.accounts as { did: string; role: string }[]
    const admin = owner.find((a) => a.role === 'owner')
    const res = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: admin?.did } })
    assert.equal(res.status, 400)
    assert.equal(res.body.error, 'NotAnAgent')
    const none = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier: `nobody.${DOMAIN}` } })
    assert.equal(none.status, 400)
    assert.equal(none.body.error, 'AccountNotFound')
  })

  test('key rotation needs both keys, ends old sessions, and moves login and the profile to the new key', async () => {
    const oldKey = ed25519Key()
    const newKey = await atprotoKey('secp256k1')
    const reg = await registerAgent(t, DOMAIN, oldKey, { handle: 'rotator' })

    const ask = () =>
      xrpc(t.url, 'is.gather.agent.requestKeyRotation', { body: { identifier: reg.did, newPublicKey: newKey.didKey } })
    const ch1 = await ask()
    assert.equal(ch1.status, 200, JSON.stringify(ch1.body))
    assert.match(String(ch1.body.message), new RegExp(`new key: ${newKey.didKey}`))
    const onlyOld = await xrpc(t.url, 'is.gather.agent.rotateKey', {
      body: {
        challenge: ch1.body.challenge,
        signature: await oldKey.sign(String(ch1.body.message)),
        newKeySignature: await ed25519Key().sign(String(ch1.body.message)),
      },
    })
    assert.equal(onlyOld.status, 401)
    assert.equal(onlyOld.body.error, 'InvalidSignature')
    const ch2 = await ask()
    const byStranger = await xrpc(t.url, 'is.gather.agent.rotateKey', {
      body: {
        challenge: ch2.body.challenge,
        signature: await ed25519Key().sign(String(ch2.body.message)),
        newKeySignature: await newKey.sign(String(ch2.body.message)),
      },
    })
    assert.equal(byStranger.status, 401)
    assert.equal((await loginAgent(t, reg.did, oldKey)).status, 200, 'the old key still works after refused rotations')

    const ch3 = await ask()
    const rotated = await xrpc(t.url, 'is.gather.agent.rotateKey', {
      body: {
        challenge: ch3.body.challenge,
        signature: await oldKey.sign(String(ch3.body.message)),
        newKeySignature: await newKey.sign(String(ch3.body.message)),
      },
    })
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body))
    assert.equal(rotated.body.publicKey, newKey.didKey)
    const oldSession = await xrpc(t.url, 'com.atproto.server.getSession', { auth: reg.accessJwt })
    assert.equal(oldSession.status, 400, 'sessions from before the rotation are ended')
    assert.equal(oldSession.body.error, 'ExpiredToken')
    const newSession = await xrpc(t.url, 'com.atproto.server.getSession', { auth: String(rotated.body.accessJwt) })
    assert.equal(newSession.status, 200)

    const oldLogin = await loginAgent(t, reg.did, oldKey)
    assert.equal(oldLogin.status, 401)
    assert.equal((await loginAgent(t, reg.did, newKey)).status, 200)
    const profile = await xrpc(t.url, 'com.atproto.repo.getRecord', {
      params: { repo: reg.did, collection: 'is.gather.actor.profile', rkey: 'self' },
    })
    assert.equal((profile.body.value as { publicKey: string }).publicKey, newKey.didKey)

    const same = await xrpc(t.url, 'is.gather.agent.requestKeyRotation', {
      body: { identifier: reg.did, newPublicKey: newKey.didKey },
    })
    assert.equal(same.status, 400)
    assert.equal(same.body.error, 'InvalidPublicKey')
  })
})

describe('agent rate limits', () => {
  let t: TestServer
  before(async () => {
    t = await startTestServer({
      config: {
        rateLimits: {
          registrationsPerIp: { points: 4, windowSeconds: 3600 },
          agentRequestsPerIp: { points: 1000, windowSeconds: 60 },
          newAgentWrites: { points: 3, windowSeconds: 60 },
          trustedAgentWrites: { points: 1000, windowSeconds: 60 },
        },
      },
    })
    await agentDomain(t, DOMAIN, 4)
  })
  after(() => t.close())

  test('the registration budget counts agents registered: challenges and refused attempts are not charged', async () => {
    const before = await accountCount(t, DOMAIN)
    // Challenges are bounded by the agent surface's budget only.
    for (let i = 0; i < 6; i++) await challenge(t)
    // Honest mistakes: a nonce that falls short, a handle that is taken, a challenge that does not exist.
    const taken = await registerAgent(t, DOMAIN, ed25519Key(), { handle: 'flood-0' })
    const mistakes = [
      async () => {
        const ch = await challenge(t)
        return { challenge: ch.challenge, nonce: fallShort(ch.challenge, ch.difficulty) }
      },
      async () => {
        const ch = await challenge(t)
        return { challenge: ch.challenge, nonce: solve(ch.challenge, ch.difficulty), handle: 'flood-0' }
      },
      async () => ({ challenge: 'no-such-challenge', nonce: '1' }),
    ]
    for (const mistake of [...mistakes, ...mistakes]) {
      const res = await fetch(`${t.url}/xrpc/is.gather.agent.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(await mistake()), publicKey: ed25519Key().didKey, name: 'Flood' }),
      })
      assert.equal(res.status, 400, JSON.stringify(await res.json()))
      // The headers show the budget as the refused attempt left it: one registration spent.
      assert.equal(res.headers.get('ratelimit-remaining'), '3')
    }
    assert.equal(taken.handle, `flood-0.${DOMAIN}`)
    for (let i = 1; i < 4; i++) await registerAgent(t, DOMAIN, ed25519Key(), { handle: `flood-${i}` })
    // The fifth registration is one too many; a challenge can still be had.
    const ch = await challenge(t)
    const res = await fetch(`${t.url}/xrpc/is.gather.agent.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        challenge: ch.challenge,
        nonce: solve(ch.challenge, ch.difficulty),
        publicKey: ed25519Key().didKey,
        name: 'Flood',
      }),
    })
    assert.equal(res.status, 429)
    assert.equal(((await res.json()) as { error: string }).error, 'RateLimitExceeded')
    assert.equal(res.headers.get('ratelimit-limit'), '4')
    assert.equal(res.headers.get('ratelimit-remaining'), '0')
    assert.equal(res.headers.get('ratelimit-policy'), '4;w=3600')
    assert.ok(Number(res.headers.get('ratelimit-reset')) > Date.now() / 1000)
    assert.equal(await accountCount(t, DOMAIN), before + 4)
  })

  test('a new agent gets the new-agent write budget, spent only by accepted writes; trusted, it gets more', async () => {
    const reg = await registerAgentDirect(t, 'writer-agent')
    const create = (collection: string, record: Record<string, unknown>) =>
      fetch(`${t.url}/xrpc/com.atproto.repo.createRecord`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${reg.accessJwt}` },
        body: JSON.stringify({ repo: reg.did, collection, record: { ...record, createdAt: new Date().toISOString() } }),
      })
    const write = (i: number) => create('is.gather.feed.post', { text: `post ${i}` })
    // Refused writes (a lexicon error, a record over recordBytes) are not charged, however many.
    const mistakes = [
      () => create('is.gather.feed.post', { text: 'x'.repeat(301) }),
      () => create('com.example.note', { text: 'y'.repeat(1024 * 1024 + 1) }),
    ]
    for (const mistake of [...mistakes, ...mistakes, ...mistakes]) {
      const refused = await mistake()
      const { error } = (await refused.json()) as { error: string }
      assert.equal(refused.status, 400, error)
      assert.ok(['InvalidRequest', 'RecordTooBig'].includes(error), error)
      assert.equal(refused.headers.get('ratelimit-limit'), '3')
      assert.equal(refused.headers.get('ratelimit-remaining'), '3')
    }
    for (let i = 0; i < 3; i++) {
      const ok = await write(i)
      assert.equal(ok.status, 200)
      assert.equal(ok.headers.get('ratelimit-remaining'), String(2 - i))
    }
    const limited = await write(3)
    assert.equal(limited.status, 429)
    assert.equal(((await limited.json()) as { error: string }).error, 'RateLimitExceeded')
    const records = await xrpc(t.url, 'com.atproto.repo.listRecords', {
      params: { repo: reg.did, collection: 'is.gather.feed.post' },
    })
    assert.equal((records.body.records as unknown[]).length, 3, 'the refused write wrote nothing')

    const trust = await xrpc(t.url, 'host.primal.pds.updateAgentTrust', {
      auth: t.adminKey,
      body: { did: reg.did, trusted: true },
    })
    assert.equal(trust.status, 200, JSON.stringify(trust.body))
    const trusted = await write(4)
    assert.equal(trusted.status, 200)
    assert.equal(trusted.headers.get('ratelimit-limit'), '1000')
  })

  /** Registration outside the per-IP budget the flood test spends: straight through the service. */
  async function registerAgentDirect(server: TestServer, handle: string) {
    const key = ed25519Key()
    const ch = await server.ctx.agents.registrationChallenge(DOMAIN)
    const session = await server.ctx.agents.register({
      challenge: ch.challenge,
      nonce: solve(ch.challenge, ch.difficulty),
      publicKey: key.publicKey,
      name: 'Writer',
      handle,
    })
    return { did: session.did, accessJwt: session.tokens.accessJwt }
  }
})

describe('the client IP the limits count by', () => {
  const hit = (t: TestServer, forwardedFor: string) =>
    fetch(`${t.url}/xrpc/is.gather.feed.searchPosts?q=x`, { headers: { 'x-forwarded-for': forwardedFor } })

  test('X-Forwarded-For is believed from a trusted proxy (loopback here) and ignored from anyone else', async () => {
    for (const [trustProxy, secondStatus] of [
      ['loopback', 200],
      ['10.1.2.3', 429],
    ] as const) {
      const t = await startTestServer({
        config: { trustProxy, rateLimits: { agentRequestsPerIp: { points: 1, windowSeconds: 3600 } } },
      })
      try {
        assert.equal((await hit(t, '203.0.113.1')).status, 200)
        // Another claimed client: its own budget only when the peer claiming it is trusted.
        assert.equal((await hit(t, '203.0.113.2')).status, secondStatus, `trustProxy ${trustProxy}`)
      } finally {
        await t.close()
      }
    }
  })
})
