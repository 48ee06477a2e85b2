// The account a migration test moves, and what is checked after each move:
// an account with posts, a profile with an avatar, a post with an image and
// preferences; after a move it works on the new side, the old side refuses
// its writes, the PLC directory names the new PDS and its key, the repo,
// blobs and preferences are the same, and a relay following both firehoses
// (one copy of the repo per DID, test/sync/relay.ts) verifies every event.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { AtpAgent, type ComAtprotoSyncGetRepoStatus, type ComAtprotoSyncListRepos } from '@atproto/api'
import { verifyRepoCar } from '@atproto/repo'
import type { ParsedMail } from 'mailparser'
import type { TestPlc } from '../test/helpers/plc.js'
import { codeIn, type TestSmtp } from '../test/helpers/smtp.js'
import { FirehoseClient, type Frame } from '../test/sync/helpers.js'
import { applyCommit, applySync, type RepoCopy } from '../test/sync/relay.js'
import { type MigrationResult, migrateAccount } from './migrate.js'

/** A PDS as the migration sees it: where to call it, the endpoint DID documents name, its firehose. */
export type Side = { name: string; url: string; publicUrl: string; hose: FirehoseClient }

/** The account on one side: how to sign in there. */
export type Login = { handle: string; email: string; password: string; inviteCode?: string }

/** The account's blobs as first uploaded: CID to bytes. */
export type Blobs = Map<string, Uint8Array>

/**
 * The PLC directory by name, for the official PDS: its DID resolver refuses IP hosts even with its
 * SSRF protection off, so at 127.0.0.1 it cannot check a service-auth token's issuer (createAccount
 * with a DID answers 500); `localhost` it takes.
 */
export function plcUrlForOfficial(plc: TestPlc): string {
  return plc.url.replace('://127.0.0.1:', '://localhost:')
}

/** A 1x1 PNG; `variant` bytes after its end make another blob of the same picture. */
export function png(variant: string): Uint8Array {
  const base = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  )
  return new Uint8Array(Buffer.concat([base, Buffer.from(variant)]))
}

function post(text: string, extra: Record<string, unknown> = {}) {
  return { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), ...extra }
}

export const PREFERENCES = [
  { $type: 'app.bsky.actor.defs#adultContentPref', enabled: true },
  { $type: 'app.bsky.actor.defs#contentLabelPref', label: 'graphic-media', visibility: 'warn' },
  { $type: 'app.bsky.actor.defs#threadViewPref', sort: 'oldest' },
]

/**
 * Writes the account's life before any move: three posts, a profile with an avatar, a post with an
 * image, preferences. Returns its blobs and the rev of its last commit.
 */
export async function seedAccount(agent: AtpAgent): Promise<{ blobs: Blobs; lastRev: string }> {
  const did = agent.assertDid
  const blobs: Blobs = new Map()
  const upload = async (bytes: Uint8Array) => {
    const res = await agent.com.atproto.repo.uploadBlob(bytes, { encoding: 'image/png' })
    blobs.set(res.data.blob.ref.toString(), bytes)
    return res.data.blob
  }
  for (const text of ['first', 'second', 'third']) {
    await agent.com.atproto.repo.createRecord({ repo: did, collection: 'app.bsky.feed.post', record: post(text) })
  }
  const avatar = await upload(png('avatar'))
  await agent.com.atproto.repo.putRecord({
    repo: did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName: 'Mover', description: 'moves around', avatar },
  })
  const image = await upload(png('post image'))
  const last = await agent.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('with a picture', {
      embed: { $type: 'app.bsky.embed.images', images: [{ image, alt: 'a dot' }] },
    }),
  })
  await agent.app.bsky.actor.putPreferences({ preferences: PREFERENCES })
  return { blobs, lastRev: last.data.commit?.rev as string }
}

/** `collection/rkey cid` of every record a repo CAR holds, sorted; its commit checked against `key` when given. */
export async function carRecords(car: Uint8Array, did: string, key?: string): Promise<string[]> {
  const verified = await verifyRepoCar(car, did, key)
  return verified.creates.map((c) => `${c.collection}/${c.rkey} ${c.cid}`).sort()
}

/** `collection/rkey cid` of every record listRecords serves for the collections named, sorted. */
async function listed(agent: AtpAgent, did: string, collections: string[]): Promise<string[]> {
  const out: string[] = []
  for (const collection of collections) {
    let cursor: string | undefined
    do {
      const res = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100, cursor })
      for (const r of res.data.records) out.push(`${collection}/${r.uri.split('/').pop()} ${r.cid}`)
      cursor = res.data.records.length > 0 ? res.data.cursor : undefined
    } while (cursor)
  }
  return out.sort()
}

/** The PLC token the old PDS mails to `address`, from the mails after now. */
export function plcTokenMailedTo(smtp: TestSmtp, address: string): () => Promise<string> {
  let next = smtp.messages.length
  return async () => {
    for (;;) {
      next += 1
      const mail = await smtp.received(next)
      if (addressed(mail, address)) return codeIn(mail)
    }
  }
}

function addressed(mail: ParsedMail, address: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
  return to.some((t) => t.value.some((v) => v.address === address))
}

/** Waits until the hose holds a frame for `did` that `pick` accepts, from frame `from` on. */
async function frameFor(hose: FirehoseClient, from: number, did: string, what: string, pick: (f: Frame) => boolean) {
  const match = (f: Frame) => f.header.op === 1 && (f.body.repo === did || f.body.did === did) && pick(f)
  await hose.until((frames) => frames.slice(from).some(match), what)
  return hose.frames.slice(from).find(match) as Frame
}

/** The account's frames on a hose from frame `from` on, as `#type`. */
function eventsFor(hose: FirehoseClient, from: number, did: string): Frame[] {
  return hose.frames
    .slice(from)
    .filter((f) => f.header.op === 1 && f.header.t !== '#info' && (f.body.repo === did || f.body.did === did))
}

/** The relay's view of the account's life before any move: every #commit on the first side verified. */
export async function relaySeed(
  copies: Map<string, RepoCopy>,
  side: Side,
  from: number,
  did: string,
  key: string,
  lastRev: string,
): Promise<string[]> {
  await frameFor(side.hose, from, did, `${side.name}: #commit ${lastRev}`, (f) => f.body.rev === lastRev)
  const events = eventsFor(side.hose, from, did)
  for (const f of events) {
    if (f.header.t === '#commit') await applyCommit(copies, f, key)
    if (f.header.t === '#sync') await applySync(copies, f, [key])
  }
  return events.map((f) => f.header.t as string)
}

/**
 * The #sync on activation: which key signed its commit (the new PDS's, or the old one's when the
 * imported commit is served as it came), and whether its rev is its commit's (the spec's rule).
 */
/** A PDS of the scenario, its firehose followed from now on (`hoses` keeps it, for the test to close). */
export async function openSide(name: string, url: string, publicUrl: string, hoses: FirehoseClient[]): Promise<Side> {
  const hose = new FirehoseClient(url)
  hoses.push(hose)
  await hose.opened()
  return { name, url, publicUrl, hose }
}

/**
 * The account the scenario moves, as it starts on `side` (an official PDS):
 * created, seeded (seedAccount), and its events so far applied to `copies`
 * as a relay would; its DID, blobs and starting signing key.
 */
export async function startAccount(opts: { plc: TestPlc; side: Side; login: Login; copies: Map<string, RepoCopy> }) {
  const { plc, side, login, copies } = opts
  const did = (await new AtpAgent({ service: side.url }).com.atproto.server.createAccount(login)).data.did
  const agent = new AtpAgent({ service: side.url })
  await agent.login({ identifier: login.handle, password: login.password })
  const { blobs, lastRev } = await seedAccount(agent)
  const key = (await plc.data(did))?.verificationMethods.atproto
  assert.ok(key, 'the new account has a signing key in its DID document')
  const seedEvents = await relaySeed(copies, side, 0, did, key, lastRev)
  return { did, blobs, key, seedEvents }
}

export type SyncSeen = { signedBy: 'new' | 'old'; revIsCommitRev: boolean }

/** What one move showed, for the test to compare across moves and to print. */
export type MoveReport = {
  result: MigrationResult
  /** The old side's answer to a write after the move. */
  oldWrite: { status?: number; error?: string }
  oldRepoStatus: ComAtprotoSyncGetRepoStatus.OutputSchema
  oldListRepos: ComAtprotoSyncListRepos.Repo | undefined
  /** The account's events on the old and the new side's firehose during and after the move. */
  oldEvents: string[]
  newEvents: string[]
  /** The #sync the new side sent on activation. */
  sync: SyncSeen
  newKey: string
}

/**
 * Moves the account from `from` to `to` with migrateAccount and checks the move: the repo, blobs
 * and preferences arrived, the PLC directory names the new side, the account works there and the
 * old side refuses its writes, and the relay verifies every event of both firehoses.
 */
export async function moveAndCheck(opts: {
  plc: TestPlc
  smtp: TestSmtp
  copies: Map<string, RepoCopy>
  blobs: Blobs
  from: Side & Login
  to: Side & Login
}): Promise<MoveReport> {
  const { plc, smtp, copies, blobs, from, to } = opts
  const oldHoseFrom = from.hose.frames.length
  const newHoseFrom = to.hose.frames.length
  const before = await plc.data(await didOf(from))
  const oldKey = before?.verificationMethods.atproto
  assert.ok(oldKey, 'the account has a signing key at the PLC before the move')

  const result = await migrateAccount(
    { url: from.url, identifier: from.handle, password: from.password },
    { url: to.url, handle: to.handle, email: to.email, password: to.password, inviteCode: to.inviteCode },
    { plcToken: plcTokenMailedTo(smtp, from.email) },
  )
  const { did, oldAgent, newAgent } = result

  // The PLC directory names the new PDS, its key and rotation key, and the new handle.
  const after = await plc.data(did)
  assert.ok(after, 'the PLC still has the DID')
  const recommended = result.recommended as {
    verificationMethods: { atproto: string }
    rotationKeys: string[]
    services: unknown
  }
  assert.equal(after.services.atproto_pds?.endpoint, to.publicUrl, 'the DID document names the new PDS')
  assert.equal(after.services.atproto_pds?.type, 'AtprotoPersonalDataServer')
  assert.equal(after.verificationMethods.atproto, recommended.verificationMethods.atproto, "the new PDS's key")
  assert.notEqual(after.verificationMethods.atproto, oldKey, 'the signing key changed')
  assert.deepEqual(after.rotationKeys, recommended.rotationKeys, "the new PDS's rotation keys")
  assert.deepEqual(after.alsoKnownAs, [`at://${to.handle}`])
  const newKey = after.verificationMethods.atproto

  // The repo: record for record what the old side served, through getRepo and listRecords.
  const oldRecords = await carRecords(result.car, did, oldKey)
  const newCar = (await newAgent.com.atproto.sync.getRepo({ did })).data
  assert.deepEqual(await carRecords(newCar, did), oldRecords, 'getRepo on the new side holds the same records')
  const collections = [...new Set(oldRecords.map((r) => r.split('/')[0] as string))]
  assert.deepEqual(await listed(newAgent, did, collections), oldRecords, 'listRecords on the new side')

  // Every blob, byte for byte, and none missing.
  assert.deepEqual(result.blobs.map((b) => b.cid).sort(), [...blobs.keys()].sort(), 'every blob was missing, once')
  for (const [cid, bytes] of blobs) {
    const got = await newAgent.com.atproto.sync.getBlob({ did, cid })
    assert.equal(sha(got.data), sha(bytes), `blob ${cid} on the new side`)
  }
  assert.deepEqual((await newAgent.com.atproto.repo.listMissingBlobs({})).data.blobs, [], 'no blob missing')

  // Preferences as the old side had them.
  const prefs = (await newAgent.app.bsky.actor.getPreferences()).data.preferences
  assert.deepEqual(prefs, result.preferences, 'preferences moved')
  for (const p of PREFERENCES)
    assert.ok(
      prefs.some((q) => JSON.stringify(q) === JSON.stringify(p)),
      p.$type,
    )

  // The old side: deactivated, writes refused.
  const oldWrite: MoveReport['oldWrite'] = await oldAgent.com.atproto.repo
    .createRecord({ repo: did, collection: 'app.bsky.feed.post', record: post('left behind') })
    .then(
      () => ({}),
      (err: { status?: number; error?: string }) => ({ status: err.status, error: err.error }),
    )
  assert.ok(
    oldWrite.status && oldWrite.status >= 400 && oldWrite.status < 500,
    `the old side refuses writes: ${oldWrite.status} ${oldWrite.error}`,
  )
  const anon = new AtpAgent({ service: from.url })
  const oldRepoStatus = (await anon.com.atproto.sync.getRepoStatus({ did })).data
  assert.deepEqual([oldRepoStatus.active, oldRepoStatus.status], [false, 'deactivated'])
  const oldListRepos = (await anon.com.atproto.sync.listRepos({ limit: 1000 })).data.repos.find((r) => r.did === did)

  // The new side: a fresh login works and is active, and it takes a post.
  const fresh = new AtpAgent({ service: to.url })
  await fresh.login({ identifier: to.handle, password: to.password })
  const session = await fresh.com.atproto.server.getSession()
  assert.equal(session.data.did, did)
  assert.notEqual(session.data.active, false, 'the new session is active')
  const written = await fresh.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post(`moved to ${to.name}`),
  })
  const rev = written.data.commit?.rev as string

  // The relay: the old side says the account is deactivated; the new side says it is active,
  // sends a #sync of the imported state and the post's #commit on top of it.
  await frameFor(from.hose, oldHoseFrom, did, `${from.name}: #account deactivated`, (f) => {
    return f.header.t === '#account' && f.body.active === false
  })
  await frameFor(to.hose, newHoseFrom, did, `${to.name}: #commit ${rev}`, (f) => f.body.rev === rev)
  const oldFrames = eventsFor(from.hose, oldHoseFrom, did)
  for (const f of oldFrames) if (f.header.t === '#commit') await applyCommit(copies, f, oldKey)
  const deactivated = oldFrames.find((f) => f.header.t === '#account')
  assert.deepEqual([deactivated?.body.active, deactivated?.body.status], [false, 'deactivated'])

  const newFrames = eventsFor(to.hose, newHoseFrom, did)
  let sync: SyncSeen | undefined
  for (const f of newFrames) {
    if (f.header.t === '#sync') {
      // The official PDS keeps serving the imported commit, signed with the old key, until the
      // next write: a #sync with either key is taken, and the test says which it expects.
      const taken = await applySync(copies, f, [newKey, oldKey])
      sync = { signedBy: taken.signedBy === newKey ? 'new' : 'old', revIsCommitRev: taken.revIsCommitRev }
    } else if (f.header.t === '#commit') {
      await applyCommit(copies, f, newKey)
    } else if (f.header.t === '#identity') {
      assert.equal(f.body.handle ?? to.handle, to.handle, '#identity names the new handle')
    }
  }
  const types = newFrames.map((f) => f.header.t as string)
  assert.ok(sync, `a #sync on ${to.name} before the first #commit: ${types.join(' ')}`)
  assert.ok(types.indexOf('#sync') < types.indexOf('#commit'), `#sync before #commit: ${types.join(' ')}`)
  const active = newFrames.find((f) => f.header.t === '#account' && f.body.active === true)
  assert.ok(active, `#account active on ${to.name}: ${types.join(' ')}`)

  // The relay's copy is what the new side serves now.
  const copy = copies.get(did)
  assert.ok(copy)
  const served = await carRecords((await fresh.com.atproto.sync.getRepo({ did })).data, did, newKey)
  const mine = (await copy.repo.data.list()).map((l) => `${l.key} ${l.value}`).sort()
  assert.deepEqual(mine, served, "the relay's copy equals the new side's repo")

  return {
    result,
    oldWrite,
    oldRepoStatus,
    oldListRepos,
    oldEvents: oldFrames.map((f) => describe(f)),
    newEvents: newFrames.map((f) => describe(f)),
    sync,
    newKey,
  }
}

async function didOf(side: Side & Login): Promise<string> {
  const res = await new AtpAgent({ service: side.url }).com.atproto.identity.resolveHandle({ handle: side.handle })
  return res.data.did
}

function describe(f: Frame): string {
  const b = f.body
  if (f.header.t === '#account') return `#account active=${b.active}${b.status ? ` status=${b.status}` : ''}`
  if (f.header.t === '#identity') return `#identity handle=${b.handle}`
  return `${f.header.t} rev=${b.rev}`
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** The move in a few lines, for the test's log. */
export function summary(name: string, r: MoveReport): string {
  return [
    `${name}:`,
    `  new account before identity: ${JSON.stringify(r.result.statusBeforeIdentity)}`,
    `  blobs moved: ${r.result.blobs.length}; old side write: ${r.oldWrite.status} ${r.oldWrite.error}`,
    `  old getRepoStatus: ${JSON.stringify(r.oldRepoStatus)}; listRepos: ${JSON.stringify(r.oldListRepos)}`,
    `  old firehose: ${r.oldEvents.join(', ')}`,
    `  new firehose: ${r.newEvents.join(', ')}`,
    `  #sync signed with the ${r.sync.signedBy} key, rev ${r.sync.revIsCommitRev ? 'is' : 'is not'} its commit's`,
  ].join('\n')
}
