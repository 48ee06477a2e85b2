// Invite codes as the official PDS has them, per domain: a domain that
// requires codes takes sign-ups only with one, each code creates at most as
// many accounts as it was made for however many sign-ups race for it, codes
// can be disabled one by one or by account, accounts earn codes over time
// (made disabled while their invites are), and a domain's owner works on
// their own domain's codes only. describeServer says whether a code is needed
// for the domain the client asks on.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost, type XrpcResponse, xrpc } from '../helpers/xrpc.js'

const INTERVAL_MS = 3_600_000
const PASSWORD = 'correct horse battery'

let t: TestServer
let alphaOwner: { did: string; handle: string; password: string }
let betaOwner: { did: string; handle: string; password: string }

before(async () => {
  t = await startTestServer({ config: { registrationOpen: true, invites: { intervalMs: INTERVAL_MS } } })
  // alpha follows the config's default (codes required); beta says it needs none.
  alphaOwner = (await addDomain(t, 'alpha.test')).owner
  betaOwner = (await addDomain(t, 'beta.test', { inviteRequired: false })).owner
})
after(() => t?.close())

async function session(identifier: string, password: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.accessJwt as string
}

function signUp(handle: string, inviteCode?: string): Promise<XrpcResponse> {
  return xrpc(t.url, 'com.atproto.server.createAccount', { body: { handle, password: PASSWORD, inviteCode } })
}

async function makeCode(auth: string, body: Record<string, unknown>, host?: string): Promise<string> {
  const headers = host ? { 'x-forwarded-host': host } : undefined
  const res = await xrpc(t.url, 'com.atproto.server.createInviteCode', { auth, body, headers })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.code as string
}

function assertInvalidCode(res: XrpcResponse, message = 'Provided invite code not available'): void {
  assert.equal(res.status, 400, JSON.stringify(res.body))
  assert.deepEqual(res.body, { error: 'InvalidInviteCode', message })
}

test('a domain that requires codes refuses sign-up without a valid one; one that does not, takes it', async () => {
  assertInvalidCode(await signUp('nocode.alpha.test'), 'No invite code provided')
  assertInvalidCode(await signUp('badcode.alpha.test', 'alpha-test-aaaaa-bbbbb'))
  assertInvalidCode(await signUp('nulcode.alpha.test', 'alpha-test-\u0000'))
  assert.equal((await signUp('free.beta.test')).status, 200)
  // The operator's path needs no code anywhere.
  await createAccount(t, 'byadmin.alpha.test')

  // A code of alpha's, in the official format, lets one account in through a standard client.
  const code = await makeCode(t.adminKey, { useCount: 1, forAccount: alphaOwner.did })
  assert.match(code, /^alpha-test-[a-z2-7]{5}-[a-z2-7]{5}$/)
  const agent = new AtpAgent({ service: t.url })
  await agent.createAccount({ handle: 'invited.alpha.test', password: PASSWORD, inviteCode: code })
  assert.equal((await agent.com.atproto.server.getSession()).data.handle, 'invited.alpha.test')
  assertInvalidCode(await signUp('second.alpha.test', code))
  // A code is its domain's: beta, which needs none, does not know it.
  assertInvalidCode(await signUp('alphacode.beta.test', code))

  // The setting follows updateDomain, and shows in the domain's view.
  const changed = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: 'beta.test', inviteRequired: true },
  })
  assert.equal(changed.status, 200, JSON.stringify(changed.body))
  assert.equal((changed.body.domain as { inviteRequired: boolean }).inviteRequired, true)
  assertInvalidCode(await signUp('later.beta.test'), 'No invite code provided')
  const reset = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: 'beta.test', inviteRequired: false },
  })
  assert.equal((reset.body.domain as { inviteRequired: boolean }).inviteRequired, false)
})

test('describeServer asks for a code when the domain asked on needs one, else when every domain does', async () => {
  const described = async (host?: string) => {
    const res = host
      ? await getWithHost(t.url, '/xrpc/com.atproto.server.describeServer', host)
      : { status: 200, body: JSON.stringify((await xrpc(t.url, 'com.atproto.server.describeServer')).body) }
    assert.equal(res.status, 200)
    return JSON.parse(res.body).inviteCodeRequired as boolean
  }
  assert.equal(await described('alpha.test'), true)
  assert.equal(await described('someone.alpha.test'), true)
  assert.equal(await described('beta.test'), false)
  // The service's own hostname names no domain: beta takes sign-ups without a code.
  assert.equal(await described(), false)
  await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: 'beta.test', inviteRequired: true },
  })
  try {
    assert.equal(await described(), true)
    assert.equal(await described('beta.test'), true)
  } finally {
    await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: t.adminKey,
      body: { domain: 'beta.test', inviteRequired: false },
    })
  }
})

test('a code creates no more accounts than its uses, however many sign-ups race for it', async () => {
  const owner = await session(alphaOwner.handle, alphaOwner.password)
  // The domain's owner makes codes for their domain with the same method.
  const code = await makeCode(owner, { useCount: 3 })
  assert.match(code, /^alpha-test-/)
  const results = await Promise.all(Array.from({ length: 8 }, (_, i) => signUp(`racer${i}.alpha.test`, code)))
  const won = results.filter((r) => r.status === 200)
  assert.equal(won.length, 3, JSON.stringify(results.map((r) => r.body)))
  for (const lost of results.filter((r) => r.status !== 200)) assertInvalidCode(lost)
  // The losers left nothing behind: their handles are free, and the code shows exactly three uses.
  const listed = await xrpc(t.url, 'com.atproto.admin.getInviteCodes', { auth: owner, params: { limit: '100' } })
  assert.equal(listed.status, 200, JSON.stringify(listed.body))
  const row = (listed.body.codes as { code: string; available: number; uses: { usedBy: string }[] }[]).find(
    (c) => c.code === code,
  )
  assert.ok(row)
  assert.equal(row.available, 3)
  assert.deepEqual(row.uses.map((u) => u.usedBy).sort(), won.map((r) => r.body.did as string).sort())
  const loserHandle = `racer${results.findIndex((r) => r.status !== 200)}.alpha.test`
  assert.equal((await createAccount(t, loserHandle)).handle, loserHandle)
})

test('under the lock on its row, a code is used by no more transactions than it has uses', async () => {
  // The service's own step of account creation, without the check before it: only the lock stands between
  // six transactions and a code of two uses.
  const code = await makeCode(t.adminKey, { useCount: 2, forAccount: alphaOwner.did })
  const domain = await t.ctx.registry.activeDomain('alpha.test')
  assert.ok(domain)
  const use = t.ctx.invites.useIn(code)
  const results = await Promise.allSettled(
    Array.from({ length: 6 }, (_, i) =>
      t.ctx.storage.transact(domain.db_name, (tx) => use(tx, `did:plc:racer${i}aaaaaaaaaaaaaaaaaa`)),
    ),
  )
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2)
  for (const r of results) {
    if (r.status === 'rejected') assert.equal((r.reason as { error?: string }).error, 'InvalidInviteCode')
  }
})

test('disabled codes, and the codes of disabled accounts, let no one in', async () => {
  const one = await makeCode(t.adminKey, { useCount: 5, forAccount: alphaOwner.did })
  const two = await makeCode(t.adminKey, { useCount: 5, forAccount: alphaOwner.did })
  const holder = await createAccount(t, 'holder.alpha.test')
  const held = await makeCode(t.adminKey, { useCount: 5, forAccount: holder.did })
  const off = await xrpc(t.url, 'com.atproto.admin.disableInviteCodes', { auth: t.adminKey, body: { codes: [one] } })
  assert.equal(off.status, 200, JSON.stringify(off.body))
  assertInvalidCode(await signUp('viaone.alpha.test', one))
  assert.equal((await signUp('viatwo.alpha.test', two)).status, 200)
  await xrpc(t.url, 'com.atproto.admin.disableInviteCodes', { auth: t.adminKey, body: { accounts: [holder.did] } })
  assertInvalidCode(await signUp('viaheld.alpha.test', held))
  const admin = await xrpc(t.url, 'com.atproto.admin.disableInviteCodes', {
    auth: t.adminKey,
    body: { accounts: ['admin'] },
  })
  assert.equal(admin.status, 400)
  assert.equal(admin.body.message, 'cannot disable admin invite codes')
})

/** Makes the account `intervals` invite intervals old, as if it had been created that long ago. */
async function age(did: string, intervals: number): Promise<void> {
  const createdAt = new Date(Date.now() - intervals * INTERVAL_MS - 60_000).toISOString()
  const located = await t.ctx.accounts.mustLocate(did)
  await t.ctx.storage.transact(located.db_name, (tx) =>
    tx.db.updateTable('account').set({ created_at: createdAt }).where('did', '=', did).execute(),
  )
}

type CodeView = { code: string; disabled: boolean; createdBy: string; forAccount: string; uses: unknown[] }

async function ownCodes(token: string, params: Record<string, string> = {}): Promise<CodeView[]> {
  const res = await xrpc(t.url, 'com.atproto.server.getAccountInviteCodes', { auth: token, params })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.codes as CodeView[]
}

test('accounts earn codes over time, at most five unused, disabled while their invites are', async () => {
  const earner = await createAccount(t, 'earner.alpha.test')
  const token = await session(earner.handle, earner.password)
  assert.deepEqual(await ownCodes(token), [])
  await age(earner.did, 7)
  assert.deepEqual(await ownCodes(token, { createAvailable: 'false' }), [])
  const earned = await ownCodes(token)
  assert.equal(earned.length, 5)
  for (const c of earned) {
    assert.equal(c.createdBy, earner.did)
    assert.equal(c.forAccount, earner.did)
    assert.match(c.code, /^alpha-test-[a-z2-7]{5}-[a-z2-7]{5}$/)
  }
  // Asking again makes none: five are unused.
  assert.equal((await ownCodes(token)).length, 5)
  // One used: the sixth and seventh intervals' codes are due, but only one fits under five unused.
  assert.equal((await signUp('earnedin.alpha.test', earned[0]?.code)).status, 200)
  assert.equal((await ownCodes(token)).length, 6)
  assert.equal((await ownCodes(token, { includeUsed: 'false' })).length, 5)

  // A second account, its invites disabled: what it earns is made disabled and not shown.
  const muted = await createAccount(t, 'muted.alpha.test')
  const mutedToken = await session(muted.handle, muted.password)
  const off = await xrpc(t.url, 'com.atproto.admin.disableAccountInvites', {
    auth: t.adminKey,
    body: { account: muted.did },
  })
  assert.equal(off.status, 200, JSON.stringify(off.body))
  await age(muted.did, 2)
  assert.deepEqual(await ownCodes(mutedToken), [])
  const on = await xrpc(t.url, 'com.atproto.admin.enableAccountInvites', {
    auth: t.adminKey,
    body: { account: muted.did },
  })
  assert.equal(on.status, 200)
  // Those two intervals were spent on disabled codes; the next one's code is usable.
  assert.deepEqual(await ownCodes(mutedToken), [])
  await age(muted.did, 3)
  const now = await ownCodes(mutedToken)
  assert.equal(now.length, 1)
  const invited = await signUp('frommuted.alpha.test', now[0]?.code)
  assert.equal(invited.status, 200)

  // A moderator sees it all in getAccountInfo, as on the official PDS.
  const info = async (did: string) =>
    (await xrpc(t.url, 'com.atproto.admin.getAccountInfo', { auth: t.adminKey, params: { did } })).body
  const mutedInfo = await info(muted.did)
  assert.equal(mutedInfo.invitesDisabled, false)
  assert.equal((mutedInfo.invites as CodeView[]).length, 3)
  const invitedInfo = await info(invited.body.did as string)
  assert.equal((invitedInfo.invitedBy as CodeView).code, now[0]?.code)
  assert.deepEqual(invitedInfo.invites, [])
  await xrpc(t.url, 'com.atproto.admin.disableAccountInvites', { auth: t.adminKey, body: { account: muted.did } })
  const infos = await xrpc(t.url, 'com.atproto.admin.getAccountInfos', {
    auth: t.adminKey,
    params: { dids: muted.did },
  })
  assert.equal((infos.body.infos as { invitesDisabled: boolean }[])[0]?.invitesDisabled, true)

  // On a domain that needs no codes, none are earned.
  const free = await createAccount(t, 'earner.beta.test')
  await age(free.did, 3)
  assert.deepEqual(await ownCodes(await session(free.handle, free.password)), [])
})

test('asking for earned codes at once from several clients makes them once', async () => {
  const busy = await createAccount(t, 'busy.alpha.test')
  const token = await session(busy.handle, busy.password)
  await age(busy.did, 3)
  const answers = await Promise.all(Array.from({ length: 5 }, () => ownCodes(token)))
  for (const codes of answers) assert.equal(codes.length, 3)
  const all = await ownCodes(token)
  assert.deepEqual(all.map((c) => c.code).sort(), (answers[0] ?? []).map((c) => c.code).sort())
})

test("a domain's owner works on their own domain's codes only; users on none", async () => {
  const alpha = await session(alphaOwner.handle, alphaOwner.password)
  const beta = await session(betaOwner.handle, betaOwner.password)
  const betaUser = await createAccount(t, 'user.beta.test')
  const alphaCode = await makeCode(alpha, { useCount: 1 })
  const betaCode = await makeCode(beta, { useCount: 1 })
  assert.match(betaCode, /^beta-test-/)

  const forbidden = async (nsid: string, body: Record<string, unknown>, token = alpha) => {
    const res = await xrpc(t.url, nsid, { auth: token, body })
    assert.equal(res.status, 403, `${nsid}: ${JSON.stringify(res.body)}`)
  }
  await forbidden('com.atproto.server.createInviteCode', { useCount: 1, forAccount: betaUser.did })
  await forbidden('com.atproto.server.createInviteCodes', { codeCount: 1, useCount: 1, forAccounts: [betaUser.did] })
  await forbidden('com.atproto.admin.disableInviteCodes', { codes: [betaCode] })
  await forbidden('com.atproto.admin.disableInviteCodes', { accounts: [betaUser.did] })
  await forbidden('com.atproto.admin.disableAccountInvites', { account: betaUser.did })
  await forbidden('com.atproto.admin.enableAccountInvites', { account: betaUser.did })
  // Nothing of beta's changed: its code still works.
  assert.equal((await signUp('stillworks.beta.test', betaCode)).status, 200)
  // A user of the domain makes no codes at all.
  const user = await session(betaUser.handle, betaUser.password)
  await forbidden('com.atproto.server.createInviteCode', { useCount: 1 }, user)
  assert.equal((await xrpc(t.url, 'com.atproto.admin.getInviteCodes', { auth: user })).status, 403)

  // The owner's list holds their domain's codes and no other's.
  const listed = await xrpc(t.url, 'com.atproto.admin.getInviteCodes', { auth: alpha, params: { limit: '100' } })
  const codes = (listed.body.codes as CodeView[]).map((c) => c.code)
  assert.ok(codes.includes(alphaCode))
  assert.ok(codes.every((c) => c.startsWith('alpha-test-')))
  // The owner disables their own code.
  const off = await xrpc(t.url, 'com.atproto.admin.disableInviteCodes', { auth: alpha, body: { codes: [alphaCode] } })
  assert.equal(off.status, 200)
  assertInvalidCode(await signUp('offcode.alpha.test', alphaCode))
})

test('the admin key names the domain by the host it calls on, or by the account codes are for', async () => {
  const several = await xrpc(t.url, 'com.atproto.server.createInviteCode', { auth: t.adminKey, body: { useCount: 1 } })
  assert.equal(several.status, 400)
  assert.match(several.body.message as string, /Several domains/)
  assert.match(await makeCode(t.adminKey, { useCount: 1 }, 'beta.test'), /^beta-test-/)
  const many = await xrpc(t.url, 'com.atproto.server.createInviteCodes', {
    auth: t.adminKey,
    body: { codeCount: 2, useCount: 1, forAccounts: [alphaOwner.did, betaOwner.did] },
  })
  assert.equal(many.status, 200, JSON.stringify(many.body))
  const made = many.body.codes as { account: string; codes: string[] }[]
  assert.deepEqual(
    made.map((m) => m.account),
    [alphaOwner.did, betaOwner.did],
  )
  assert.ok(made[0]?.codes.every((c) => c.startsWith('alpha-test-')) && made[0].codes.length === 2)
  assert.ok(made[1]?.codes.every((c) => c.startsWith('beta-test-')) && made[1].codes.length === 2)
  const tooMany = await xrpc(t.url, 'com.atproto.server.createInviteCodes', {
    auth: t.adminKey,
    headers: { 'x-forwarded-host': 'alpha.test' },
    body: { codeCount: 100_000, useCount: 1 },
  })
  assert.equal(tooMany.status, 400)
  assert.match(tooMany.body.message as string, /invites\.maxCodesPerCall/)
  const noUses = await xrpc(t.url, 'com.atproto.server.createInviteCode', {
    auth: t.adminKey,
    body: { useCount: 0, forAccount: alphaOwner.did },
  })
  assert.equal(noUses.status, 400)
})

type Listed = { code: string; createdAt: string; uses: unknown[] }

async function allPages(sort: string, limit: number, host?: string): Promise<Listed[]> {
  const seen: Listed[] = []
  let cursor: string | undefined
  for (let page = 0; page < 1000; page++) {
    const params: Record<string, string> = { sort, limit: String(limit) }
    if (cursor) params.cursor = cursor
    const headers = host ? { 'x-forwarded-host': host } : undefined
    const res = await xrpc(t.url, 'com.atproto.admin.getInviteCodes', { auth: t.adminKey, params, headers })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const codes = res.body.codes as Listed[]
    assert.ok(codes.length <= limit)
    if (codes.length === 0) {
      // As the official PDS, the page after the last has no cursor.
      assert.equal(res.body.cursor, undefined)
      return seen
    }
    const last = codes.at(-1) as Listed
    const primary = sort === 'recent' ? Date.parse(last.createdAt) : last.uses.length
    assert.equal(res.body.cursor, `${primary}::${last.code}`)
    cursor = res.body.cursor as string
    seen.push(...codes)
  }
  return assert.fail('paging did not end')
}

test('getInviteCodes pages every domain by recency or by use, as the official PDS', async () => {
  // Codes of different ages and use counts in both domains.
  const used = await makeCode(t.adminKey, { useCount: 4 }, 'beta.test')
  for (const name of ['usea', 'useb']) assert.equal((await signUp(`${name}.beta.test`, used)).status, 200)

  const recent = await allPages('recent', 3)
  const usage = await allPages('usage', 4)
  const whole = (await allPages('recent', 100)).map((c) => c.code)
  assert.equal(new Set(whole).size, whole.length, 'no code is listed twice')
  assert.deepEqual(
    recent.map((c) => c.code),
    whole,
  )
  assert.ok(whole.some((c) => c.startsWith('alpha-test-')) && whole.some((c) => c.startsWith('beta-test-')))
  const byKey = (key: (c: Listed) => string | number) => (a: Listed, b: Listed) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) return ka < kb ? 1 : -1
    return a.code < b.code ? 1 : a.code > b.code ? -1 : 0
  }
  assert.deepEqual(recent, [...recent].sort(byKey((c) => c.createdAt)))
  assert.deepEqual(usage, [...usage].sort(byKey((c) => c.uses.length)))
  assert.deepEqual(usage.map((c) => c.code).sort(), [...whole].sort())
  assert.ok((usage[0]?.uses.length ?? 0) >= 3, 'the most used code comes first')

  // Called on beta's host, the admin key lists beta's codes only.
  const beta = await allPages('recent', 5, 'beta.test')
  assert.ok(beta.length > 0 && beta.every((c) => c.code.startsWith('beta-test-')))
  assert.ok(beta.some((c) => c.code === used))

  const bad = async (params: Record<string, string>) => {
    const res = await xrpc(t.url, 'com.atproto.admin.getInviteCodes', { auth: t.adminKey, params })
    assert.equal(res.status, 400, JSON.stringify(res.body))
    return res.body.message
  }
  assert.equal(await bad({ cursor: 'nonsense' }), 'Malformed cursor')
  assert.equal(await bad({ sort: 'usage', cursor: 'x::y' }), 'Malformed cursor')
  assert.equal(await bad({ cursor: `1::a\u0000` }), 'Malformed cursor')
  assert.equal(await bad({ sort: 'alphabetical' }), 'unknown sort method: alphabetical')
})

test('with registration closed, a domain that requires codes still takes a code holder; one that does not, no one', async () => {
  const closed = await startTestServer({ config: { registrationOpen: false, invites: { required: true } } })
  try {
    await addDomain(closed, 'invite.test')
    await addDomain(closed, 'shut.test', { inviteRequired: false })
    const code = await (async () => {
      const res = await xrpc(closed.url, 'com.atproto.server.createInviteCode', {
        auth: closed.adminKey,
        headers: { 'x-forwarded-host': 'invite.test' },
        body: { useCount: 1 },
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
      return res.body.code as string
    })()
    const up = (handle: string, inviteCode?: string) =>
      xrpc(closed.url, 'com.atproto.server.createAccount', { body: { handle, password: PASSWORD, inviteCode } })
    assert.equal((await up('holder.invite.test', code)).status, 200)
    const shut = await up('someone.shut.test')
    assert.equal(shut.status, 401)
    const described = await xrpc(closed.url, 'com.atproto.server.describeServer')
    assert.equal(described.body.inviteCodeRequired, true)
  } finally {
    await closed.close()
  }
})

test('on the embedded database too, a code of one use lets one of several racing sign-ups in', async () => {
  const embedded = await startTestServer({ backend: 'embedded', config: { invites: { required: true } } })
  try {
    await addDomain(embedded, 'embedded.test')
    const res = await xrpc(embedded.url, 'com.atproto.server.createInviteCode', {
      auth: embedded.adminKey,
      body: { useCount: 1 },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    const results = await Promise.all(
      ['one', 'two', 'three'].map((name) =>
        xrpc(embedded.url, 'com.atproto.server.createAccount', {
          body: { handle: `${name}.embedded.test`, password: PASSWORD, inviteCode: res.body.code },
        }),
      ),
    )
    assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => r.body)))
    for (const r of results.filter((r) => r.status !== 200)) assertInvalidCode(r)
  } finally {
    await embedded.close()
  }
})
