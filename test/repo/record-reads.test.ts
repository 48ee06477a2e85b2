// getRecord and listRecords answer byte for byte as they always have: the
// status, the headers a client reads and the exact body, for records found
// and for each refusal (bad params, RepoNotFound, RecordNotFound, a taken-down
// record, a deactivated or taken-down account, a malformed cursor), by DID
// and by handle. The bodies are spelled out here, not built by the server's code.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'
import type { AtpAgent } from '@atproto/api'
import { createLogger } from '../../src/lib/logger.js'
import { adminAgent } from '../admin/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from './helpers.js'

const POST = 'app.bsky.feed.post'
// Keys in DAG-CBOR's order (by length, then bytes), as a record read back from its block lists them.
const record = (text: string) => ({ text, $type: POST, createdAt: '2026-01-02T03:04:05.000Z' })

type Answer = { status: number; headers: Record<string, string | null>; body: string }

let t: TestServer
let admin: AtpAgent
let alice: TestAccount
let dormant: TestAccount
let banned: TestAccount
const posts: { rkey: string; cid: string; text: string }[] = []
let hidden: { rkey: string; cid: string }
const lines: Record<string, unknown>[] = []

before(async () => {
  t = await startTestServer({
    logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }),
  })
  await addDomain(t, 'reads.test')
  admin = adminAgent(t)
  alice = await loggedInAccount(t, 'alice.reads.test')
  dormant = await loggedInAccount(t, 'dormant.reads.test')
  banned = await loggedInAccount(t, 'banned.reads.test')
  for (let i = 0; i < 4; i++) {
    const rkey = `3kaaaaaaaaa${i + 2}a`
    const text = `post ${i} "quoted" \u00e9\u{1F600}`
    const out = await alice.agent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection: POST,
      rkey,
      record: record(text),
    })
    posts.push({ rkey, cid: out.data.cid, text })
  }
  const down = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: POST,
    rkey: '3kaaaaaaaaa7a',
    record: record('taken down'),
  })
  hidden = { rkey: '3kaaaaaaaaa7a', cid: down.data.cid }
  await admin.com.atproto.admin.updateSubjectStatus({
    subject: { $type: 'com.atproto.repo.strongRef', uri: down.data.uri, cid: down.data.cid },
    takedown: { applied: true },
  })
  for (const account of [dormant, banned]) {
    await account.agent.com.atproto.repo.createRecord({
      repo: account.did,
      collection: POST,
      rkey: '3kaaaaaaaaa2a',
      record: record('x'),
    })
  }
  await dormant.agent.com.atproto.server.deactivateAccount({})
  await admin.com.atproto.admin.updateSubjectStatus({
    subject: { $type: 'com.atproto.admin.defs#repoRef', did: banned.did },
    takedown: { applied: true },
  })
})
after(() => t?.close())

async function get(
  method: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(`${t.url}/xrpc/${method}?${new URLSearchParams(params)}`, { headers })
  const body = await res.text()
  const kept: Record<string, string | null> = {}
  for (const name of [
    'content-type',
    'content-length',
    'cache-control',
    'vary',
    'x-powered-by',
    'etag',
    'connection',
  ]) {
    kept[name] = res.headers.get(name)
  }
  return { status: res.status, headers: kept, body }
}

function answer(status: number, body: string): Answer {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': null,
      vary: null,
      'x-powered-by': null,
      // The XRPC router's Express sets a weak ETag (the `etag` package's: length, then SHA-1).
      etag: `W/"${Buffer.byteLength(body).toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`,
      connection: 'keep-alive',
    },
    body,
  }
}

const error = (status: number, name: string, message: string) =>
  answer(status, `{"error":${JSON.stringify(name)},"message":${JSON.stringify(message)}}`)

const recordJson = (did: string, p: { rkey: string; cid: string; text: string }) =>
  `{"uri":"at://${did}/${POST}/${p.rkey}","cid":"${p.cid}","value":{"text":${JSON.stringify(p.text)},"$type":"${POST}","createdAt":"2026-01-02T03:04:05.000Z"}}`

const getRecord = (params: Record<string, string>) => get('com.atproto.repo.getRecord', params)
const listRecords = (params: Record<string, string>) => get('com.atproto.repo.listRecords', params)

test('getRecord by DID and by handle, with and without a matching cid: the record, byte for byte', async () => {
  const p = posts[1] as (typeof posts)[number]
  const expected = answer(200, recordJson(alice.did, p))
  assert.deepEqual(await getRecord({ repo: alice.did, collection: POST, rkey: p.rkey }), expected)
  assert.deepEqual(await getRecord({ repo: alice.handle, collection: POST, rkey: p.rkey }), expected)
  assert.deepEqual(await getRecord({ repo: alice.did, collection: POST, rkey: p.rkey, cid: p.cid }), expected)
  // A method served here answers here, whatever service an atproto-proxy header names.
  const proxied = await get(
    'com.atproto.repo.getRecord',
    { repo: alice.did, collection: POST, rkey: p.rkey },
    { 'atproto-proxy': 'did:web:api.bsky.app#bsky_appview' },
  )
  assert.deepEqual(proxied, expected)
})

test('getRecord refusals: RecordNotFound, RepoNotFound, bad params, a taken-down record, an unservable account', async () => {
  const p = posts[0] as (typeof posts)[number]
  const notFound = (did: string, rkey: string) =>
    error(400, 'RecordNotFound', `Could not locate record: at://${did}/${POST}/${rkey}`)
  assert.deepEqual(await getRecord({ repo: alice.did, collection: POST, rkey: 'nope' }), notFound(alice.did, 'nope'))
  assert.deepEqual(
    await getRecord({ repo: alice.did, collection: POST, rkey: p.rkey, cid: hidden.cid }),
    notFound(alice.did, p.rkey),
  )
  assert.deepEqual(
    await getRecord({ repo: alice.did, collection: POST, rkey: hidden.rkey }),
    notFound(alice.did, hidden.rkey),
  )
  assert.deepEqual(
    await getRecord({ repo: alice.did, collection: 'app.bsky.feed.like', rkey: p.rkey }),
    error(400, 'RecordNotFound', `Could not locate record: at://${alice.did}/app.bsky.feed.like/${p.rkey}`),
  )
  assert.deepEqual(
    await getRecord({ repo: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', collection: POST, rkey: p.rkey }),
    error(400, 'RepoNotFound', 'Could not find repo: did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'),
  )
  assert.deepEqual(
    await getRecord({ repo: 'nobody.reads.test', collection: POST, rkey: p.rkey }),
    error(400, 'RepoNotFound', 'Could not find repo: nobody.reads.test'),
  )
  assert.deepEqual(
    await getRecord({ repo: alice.did, collection: POST }),
    error(400, 'InvalidRequest', 'Error: Params must have the property "rkey"'),
  )
  assert.deepEqual(
    await getRecord({ repo: 'not a handle', collection: POST, rkey: p.rkey }),
    error(400, 'InvalidRequest', 'Error: repo must be a valid did or a handle'),
  )
  assert.deepEqual(
    await getRecord({ repo: dormant.did, collection: POST, rkey: '3kaaaaaaaaa2a' }),
    error(400, 'RepoDeactivated', `Repo has been deactivated: ${dormant.did}`),
  )
  assert.deepEqual(
    await getRecord({ repo: dormant.handle, collection: POST, rkey: 'nope' }),
    error(400, 'RepoDeactivated', `Repo has been deactivated: ${dormant.did}`),
  )
  assert.deepEqual(
    await getRecord({ repo: banned.did, collection: POST, rkey: '3kaaaaaaaaa2a' }),
    error(400, 'RepoTakendown', `Repo has been taken down: ${banned.did}`),
  )
})

test('listRecords pages: newest first, a cursor, reverse, an empty collection, the taken-down record left out', async () => {
  const [p0, p1, p2, p3] = posts as [
    (typeof posts)[number],
    (typeof posts)[number],
    (typeof posts)[number],
    (typeof posts)[number],
  ]
  const page = (cursor: string | undefined, records: (typeof posts)[number][]) =>
    answer(
      200,
      `{${cursor === undefined ? '' : `"cursor":"${cursor}",`}"records":[${records.map((r) => recordJson(alice.did, r)).join(',')}]}`,
    )
  assert.deepEqual(await listRecords({ repo: alice.did, collection: POST }), page(undefined, [p3, p2, p1, p0]))
  assert.deepEqual(await listRecords({ repo: alice.handle, collection: POST, limit: '2' }), page(p2.rkey, [p3, p2]))
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, limit: '2', cursor: p2.rkey }),
    page(p0.rkey, [p1, p0]),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, limit: '2', cursor: p0.rkey }),
    page(undefined, []),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, reverse: 'true', limit: '3' }),
    page(p2.rkey, [p0, p1, p2]),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, reverse: 'true', cursor: p2.rkey }),
    page(undefined, [p3]),
  )
  assert.deepEqual(await listRecords({ repo: alice.did, collection: 'app.bsky.feed.like' }), page(undefined, []))
})

test('listRecords refusals: RepoNotFound, bad params, an unservable account, a malformed cursor after them', async () => {
  assert.deepEqual(
    await listRecords({ repo: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', collection: POST }),
    error(400, 'RepoNotFound', 'Could not find repo: did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, limit: '0' }),
    error(400, 'InvalidRequest', 'Error: limit can not be less than 1'),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did }),
    error(400, 'InvalidRequest', 'Error: Params must have the property "collection"'),
  )
  assert.deepEqual(
    await listRecords({ repo: dormant.did, collection: POST }),
    error(400, 'RepoDeactivated', `Repo has been deactivated: ${dormant.did}`),
  )
  assert.deepEqual(
    await listRecords({ repo: banned.handle, collection: POST }),
    error(400, 'RepoTakendown', `Repo has been taken down: ${banned.did}`),
  )
  assert.deepEqual(
    await listRecords({ repo: alice.did, collection: POST, cursor: 'a\u0000b' }),
    error(400, 'InvalidRequest', 'Malformed cursor'),
  )
  // The repo's own refusal comes before the cursor's.
  assert.deepEqual(
    await listRecords({ repo: dormant.did, collection: POST, cursor: 'a\u0000b' }),
    error(400, 'RepoDeactivated', `Repo has been deactivated: ${dormant.did}`),
  )
  assert.deepEqual(
    await listRecords({ repo: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', collection: POST, cursor: 'a\u0000b' }),
    error(400, 'RepoNotFound', 'Could not find repo: did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'),
  )
})

test('a path that only looks like getRecord or listRecords (other case, trailing slash) is not served here', async () => {
  const params = { repo: alice.did, collection: POST, rkey: (posts[0] as (typeof posts)[number]).rkey }
  for (const method of ['com.atproto.repo.getrecord', 'com.atproto.repo.getRecord/', 'com.atproto.repo.listrecords']) {
    const got = await get(method, params)
    assert.equal(got.status, 501, method)
    assert.equal(got.headers['content-type'], 'application/json; charset=utf-8', method)
    assert.equal(JSON.parse(got.body).error, 'MethodNotImplemented', method)
  }
})

test('each call is logged with its NSID, status, client IP and tenant', async () => {
  const p = posts[0] as (typeof posts)[number]
  const calls: { nsid: string; params: Record<string, string>; status: number }[] = [
    { nsid: 'com.atproto.repo.getRecord', params: { repo: alice.handle, collection: POST, rkey: p.rkey }, status: 200 },
    { nsid: 'com.atproto.repo.listRecords', params: { repo: dormant.did, collection: POST, limit: '7' }, status: 400 },
  ]
  for (const call of calls) {
    const seen = lines.length
    assert.equal((await get(call.nsid, call.params)).status, call.status)
    const line = await requestLine(seen, call.nsid)
    assert.equal(line.method, 'GET')
    assert.equal(line.status, call.status)
    assert.equal(line.tenant, 'reads.test')
    assert.equal(typeof line.ip, 'string')
  }
})

/** The request log line of `nsid` written after the first `seen` lines. */
async function requestLine(seen: number, nsid: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000
  for (;;) {
    const line = lines.slice(seen).find((l) => l.msg === 'request' && l.nsid === nsid)
    if (line) return line
    if (Date.now() > deadline) assert.fail(`no request line for ${nsid}`)
    // A poll interval: the line is written when the response closes, which may come after the client has read it.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
