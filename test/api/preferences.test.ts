// app.bsky.actor.getPreferences and putPreferences, served here as the
// official PDS serves them: per account, the app.bsky namespace only, each put
// replacing the set, personal details behind full access, the declared age
// derived on read.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { declaredAge } from '../../src/account/preference-service.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'prefs.test'
let t: TestServer
let alice: { did: string; handle: string; password: string }
let bob: { did: string; handle: string; password: string }

before(async () => {
  t = await startTestServer()
  await addDomain(t, DOMAIN)
  alice = await createAccount(t, `alice.${DOMAIN}`)
  bob = await createAccount(t, `bob.${DOMAIN}`)
})
after(() => t?.close())

async function agentFor(account: { handle: string; password: string }): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: account.handle, password: account.password })
  return agent
}

async function accessJwt(account: { handle: string; password: string }): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: account.handle, password: account.password },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.accessJwt as string
}

async function storedCount(did: string): Promise<number> {
  const dbName = (await t.ctx.accounts.mustLocate(did)).db_name
  const row = await t.ctx.storage.withTenant(dbName, (db) =>
    db
      .selectFrom('account_pref')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('did', '=', did)
      .executeTakeFirst(),
  )
  return Number(row?.n ?? 0)
}

const adult = { $type: 'app.bsky.actor.defs#adultContentPref', enabled: true }
const label = { $type: 'app.bsky.actor.defs#contentLabelPref', label: 'nsfw', visibility: 'warn' }
const saved = {
  $type: 'app.bsky.actor.defs#savedFeedsPrefV2',
  items: [{ id: '3kabc', type: 'timeline', value: 'following', pinned: true }],
}

test('a new account has no preferences; what a client puts it reads back, in order, through @atproto/api', async () => {
  const agent = await agentFor(alice)
  const empty = await agent.app.bsky.actor.getPreferences()
  assert.deepEqual(empty.data.preferences, [])

  await agent.app.bsky.actor.putPreferences({ preferences: [adult, label, saved] })
  const read = await agent.app.bsky.actor.getPreferences()
  assert.deepEqual(read.data.preferences, [adult, label, saved])
  // The library's own view of them, as the Bluesky app reads them.
  const prefs = await agent.getPreferences()
  assert.equal(prefs.moderationPrefs.adultContentEnabled, true)
  assert.equal(prefs.savedFeeds[0]?.value, 'following')
})

test('a put replaces the whole set at once, and one account never sees another’s', async () => {
  const agent = await agentFor(alice)
  await agent.app.bsky.actor.putPreferences({ preferences: [adult, label] })
  await agent.app.bsky.actor.putPreferences({ preferences: [label] })
  assert.deepEqual((await agent.app.bsky.actor.getPreferences()).data.preferences, [label])

  const bobs = await agentFor(bob)
  assert.deepEqual((await bobs.app.bsky.actor.getPreferences()).data.preferences, [])
  await bobs.app.bsky.actor.putPreferences({ preferences: [adult] })
  assert.deepEqual((await agent.app.bsky.actor.getPreferences()).data.preferences, [label])

  // Puts racing each other leave one of their sets, never a mixture of both.
  const sets = [[adult], [label, saved], [saved], [adult, label, saved]]
  await Promise.all(sets.map((preferences) => agent.app.bsky.actor.putPreferences({ preferences })))
  const after = (await agent.app.bsky.actor.getPreferences()).data.preferences
  assert.ok(
    sets.some((s) => JSON.stringify(s) === JSON.stringify(after)),
    JSON.stringify(after),
  )

  await agent.app.bsky.actor.putPreferences({ preferences: [] })
  assert.deepEqual((await agent.app.bsky.actor.getPreferences()).data.preferences, [])
})

test('personal details are kept, and the declared age is derived from them on read, never stored', async () => {
  const agent = await agentFor(alice)
  const details = { $type: 'app.bsky.actor.defs#personalDetailsPref', birthDate: '2000-01-01T00:00:00.000Z' }
  // A client that puts back what it read (the declared age included) stores only what it may.
  const age = {
    $type: 'app.bsky.actor.defs#declaredAgePref',
    isOverAge13: false,
    isOverAge16: false,
    isOverAge18: false,
  }
  await agent.app.bsky.actor.putPreferences({ preferences: [details, adult, age] })
  const read = (await agent.app.bsky.actor.getPreferences()).data.preferences
  assert.deepEqual(read, [
    details,
    adult,
    { $type: 'app.bsky.actor.defs#declaredAgePref', isOverAge13: true, isOverAge16: true, isOverAge18: true },
  ])
  assert.equal(await storedCount(alice.did), 2)
})

test('without full access, personal details are neither read, written nor replaced', async () => {
  const located = await t.ctx.accounts.mustLocate(alice.did)
  const details = { $type: 'app.bsky.actor.defs#personalDetailsPref', birthDate: '2000-01-01T00:00:00.000Z' }
  await t.ctx.preferences.put(located, [details, adult], { full: true })
  const limited = { full: false }
  const seen = await t.ctx.preferences.get(located, limited)
  // The declared age is not a personal detail: a narrower token still sees it.
  assert.deepEqual(
    seen.map((p) => p.$type),
    ['app.bsky.actor.defs#adultContentPref', 'app.bsky.actor.defs#declaredAgePref'],
  )
  await assert.rejects(t.ctx.preferences.put(located, [details], limited), /authorization to set preferences/)
  await t.ctx.preferences.put(located, [label], limited)
  assert.deepEqual(await t.ctx.preferences.get(located, { full: true }), [
    details,
    label,
    { $type: 'app.bsky.actor.defs#declaredAgePref', isOverAge13: true, isOverAge16: true, isOverAge18: true },
  ])
})

test('the declared age counts whole years to the day', () => {
  const today = new Date(2026, 5, 15)
  const of = (birth: Date) => declaredAge(birth.toISOString(), today)
  assert.deepEqual(of(new Date(2013, 5, 15)), {
    $type: 'app.bsky.actor.defs#declaredAgePref',
    isOverAge13: true,
    isOverAge16: false,
    isOverAge18: false,
  })
  assert.equal(of(new Date(2013, 5, 16)).isOverAge13, false)
  assert.equal(of(new Date(2008, 5, 15)).isOverAge18, true)
  assert.equal(of(new Date(2008, 6, 1)).isOverAge18, false)
  assert.equal(declaredAge('not a date', today).isOverAge13, false)
})

test('refused: another namespace, a preference without $type or against its lexicon, no token, a body past the official limit', async () => {
  const jwt = await accessJwt(bob)
  const before = (await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: jwt })).body.preferences
  const put = (preferences: unknown, auth: string | undefined = jwt) =>
    xrpc(t.url, 'app.bsky.actor.putPreferences', { auth, body: { preferences } })

  const foreign = await put([adult, { $type: 'com.example.pref', x: 1 }])
  assert.equal(foreign.status, 400)
  assert.equal(foreign.body.error, 'InvalidRequest')
  assert.match(foreign.body.message as string, /not in the app\.bsky namespace/)
  // A name that only starts like the namespace is outside it.
  assert.equal((await put([{ $type: 'app.bskyx.pref' }])).status, 400)

  // The open union lets any $type through; only a lexicon type name is stored.
  for (const $type of ['app.bsky.actor.defs#bad\u0000', 'app.bsky', 'app.bsky.actor.defs#a#b', 'app.bsky..x']) {
    const bad = await put([{ $type }])
    assert.equal(bad.status, 400, $type)
    assert.equal(bad.body.error, 'InvalidRequest', $type)
  }
  const untyped = await put([{ enabled: true }])
  assert.equal(untyped.status, 400)
  assert.equal(untyped.body.error, 'InvalidRequest')
  const wrongShape = await put([{ $type: 'app.bsky.actor.defs#adultContentPref', enabled: 'yes' }])
  assert.equal(wrongShape.status, 400)
  assert.equal(wrongShape.body.error, 'InvalidRequest')
  assert.equal((await put('not an array')).status, 400)

  const anonymous = await xrpc(t.url, 'app.bsky.actor.putPreferences', { body: { preferences: [] } })
  assert.equal(anonymous.status, 401)
  assert.equal((await xrpc(t.url, 'app.bsky.actor.getPreferences')).status, 401)
  assert.equal((await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: t.adminKey })).status, 400)

  const hidden = { $type: 'app.bsky.actor.defs#hiddenPostsPref', items: [] as string[] }
  for (let i = 0; i < 3000; i++)
    hidden.items.push(`at://${bob.did}/app.bsky.feed.post/3k${String(i).padStart(11, 'a')}`)
  const big = await put([hidden])
  assert.equal(big.status, 413)
  assert.equal(big.body.error, 'PayloadTooLarge')
  assert.match(big.body.message as string, /larger than 153600 bytes/)

  // Nothing refused changed what was stored.
  assert.deepEqual((await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: jwt })).body.preferences, before)

  // Unknown members of the app.bsky namespace are the open union's: stored as sent.
  const unknown = { $type: 'app.bsky.actor.defs#somethingNewPref', flag: true }
  assert.equal((await put([unknown])).status, 200)
  assert.deepEqual((await xrpc(t.url, 'app.bsky.actor.getPreferences', { auth: jwt })).body.preferences, [unknown])
})

test('an account’s preferences go with the account', async () => {
  const carol = await createAccount(t, `carol.${DOMAIN}`)
  const agent = await agentFor(carol)
  await agent.app.bsky.actor.putPreferences({ preferences: [adult, label] })
  assert.equal(await storedCount(carol.did), 2)
  const dbName = (await t.ctx.accounts.mustLocate(carol.did)).db_name
  const del = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: carol.did } })
  assert.equal(del.status, 200, JSON.stringify(del.body))
  const left = await t.ctx.storage.withTenant(dbName, (db) =>
    db.selectFrom('account_pref').select('did').where('did', '=', carol.did).execute(),
  )
  assert.deepEqual(left, [])
})
