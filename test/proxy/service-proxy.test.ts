// Calls the PDS does not serve, passed on with service auth as the official
// PDS passes them: through @atproto/api with the proxy header set as the
// Bluesky app sets it, to a stand-in AppView/chat/notification/moderation
// service that verifies every token against the account's DID document at a
// PLC directory; by default (no header) to the configured services; and the
// failures: a service down or slow (502), its errors passed on, a method
// never passed on, a caller without a session.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { NO_MAIL_MESSAGE } from '../../src/account/account-email.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type StandIn, startStandIn } from '../helpers/standin-services.js'
import { unusedLocalUrl, xrpc } from '../helpers/xrpc.js'

const HEADERS_TIMEOUT_MS = 800

let plc: TestPlc
/** The configured AppView, chat and moderation service. */
let home: StandIn
/** Another service, reached only by naming it: its DID document is read to find it. */
let other: StandIn
let t: TestServer
let alice: { did: string; handle: string; accessJwt: string }
let agent: AtpAgent

before(async () => {
  plc = await startPlc()
  home = await startStandIn(plc.url)
  other = await startStandIn(plc.url, { dead_service: await unusedLocalUrl() })
  const service = { url: home.url, did: home.did }
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      appView: service,
      chat: service,
      moderation: service,
      proxy: { headersTimeoutMs: HEADERS_TIMEOUT_MS, allowPrivateNetwork: true },
    },
  })
  await addDomain(t, 'proxy.test')
  const created = await createAccount(t, 'alice.proxy.test')
  agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: created.handle, password: created.password })
  alice = { did: created.did, handle: created.handle, accessJwt: agent.session?.accessJwt ?? '' }
})
after(async () => {
  await t?.close()
  await home?.close()
  await other?.close()
  await plc?.close()
})

function lastCall(service: StandIn, nsid: string) {
  const call = service.calls.findLast((c) => c.nsid === nsid)
  assert.ok(call, `${nsid} never reached the stand-in`)
  return call
}

test('the AppView, chat and notification calls the app makes reach the service it names, signed by the account', async () => {
  const appview = agent.withProxy('bsky_appview', home.did)
  appview.configureLabelers(['did:plc:ar7c4by46qjdydhdevvrndac'])
  const timeline = await appview.app.bsky.feed.getTimeline({ limit: 30 }, { headers: { 'accept-language': 'fr' } })
  assert.deepEqual(timeline.data, { feed: [], cursor: 'end' })
  assert.equal(timeline.headers['atproto-repo-rev'], '3standinrev22')
  assert.equal(timeline.headers['atproto-content-labelers'], 'did:plc:ar7c4by46qjdydhdevvrndac')
  const call = lastCall(home, 'app.bsky.feed.getTimeline')
  assert.equal(call.iss, alice.did)
  assert.equal(call.aud, home.did)
  assert.equal(call.lxm, 'app.bsky.feed.getTimeline')
  assert.ok(call.exp * 1000 - Date.now() <= 60_000, 'the token lives a minute at most')
  assert.equal(call.headers['accept-language'], 'fr')
  assert.match(String(call.headers['atproto-accept-labelers']), /did:plc:ar7c4by46qjdydhdevvrndac/)

  const chat = agent.withProxy('bsky_chat', home.did)
  assert.deepEqual((await chat.chat.bsky.convo.listConvos()).data, { convos: [] })
  assert.equal(lastCall(home, 'chat.bsky.convo.listConvos').lxm, 'chat.bsky.convo.listConvos')

  // #bsky_notif is no configured service: found in the other service's DID document.
  const notif = agent.withProxy('bsky_notif', other.did)
  assert.deepEqual((await notif.app.bsky.notification.getUnreadCount()).data, { count: 3 })
  const notifCall = lastCall(other, 'app.bsky.notification.getUnreadCount')
  assert.equal(notifCall.aud, other.did)
  assert.equal(notifCall.iss, alice.did)
})

test("a feed's token is for the feed generator its record names, for getFeedSkeleton, as the official PDS mints it", async () => {
  const appview = agent.withProxy('bsky_appview', home.did)
  const feed = 'at://did:plc:ar7c4by46qjdydhdevvrndac/app.bsky.feed.generator/whats-hot'
  const generator = 'did:web:feeds.example.com'
  let asked: URLSearchParams | undefined
  home.answerNext('com.atproto.repo.getRecord', (req, res) => {
    asked = new URL(req.url ?? '', home.url).searchParams
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ uri: feed, value: { $type: 'app.bsky.feed.generator', did: generator } }))
  })
  const got = await appview.app.bsky.feed.getFeed({ feed, limit: 5 })
  assert.deepEqual(got.data, { feed: [] })
  assert.equal(asked?.get('repo'), 'did:plc:ar7c4by46qjdydhdevvrndac')
  assert.equal(asked?.get('collection'), 'app.bsky.feed.generator')
  assert.equal(asked?.get('rkey'), 'whats-hot')
  const call = lastCall(home, 'app.bsky.feed.getFeed')
  assert.equal(call.iss, alice.did)
  assert.equal(call.aud, generator)
  assert.equal(call.lxm, 'app.bsky.feed.getFeedSkeleton')

  // A record that names no generator is an unknown feed, and nothing is passed on.
  const before = home.calls.length
  home.answerNext('com.atproto.repo.getRecord', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ uri: feed, value: { $type: 'app.bsky.feed.generator' } }))
  })
  const unknown = await xrpc(t.url, 'app.bsky.feed.getFeed', { auth: alice.accessJwt, params: { feed } })
  assert.equal(unknown.status, 400)
  assert.equal((unknown.body as { error: string }).error, 'UnknownFeed')
  const bad = await xrpc(t.url, 'app.bsky.feed.getFeed', { auth: alice.accessJwt, params: { feed: 'not a uri' } })
  assert.equal(bad.status, 400)
  assert.equal((bad.body as { error: string }).error, 'InvalidRequest')
  // No such record: the AppView's answer is passed on. No feed named: refused here.
  const missing = await xrpc(t.url, 'app.bsky.feed.getFeed', {
    auth: alice.accessJwt,
    params: { feed: 'at://did:plc:x/app.bsky.feed.post/y' },
  })
  assert.equal(missing.status, 400)
  assert.equal(missing.body.error, 'RecordNotFound')
  const noFeed = await xrpc(t.url, 'app.bsky.feed.getFeed', { auth: alice.accessJwt })
  assert.equal(noFeed.status, 400)
  assert.equal(home.calls.length, before, 'nothing reached the AppView with a token')
})

test('a report goes to the labeler named, its body passed on as sent', async () => {
  const labeler = agent.withProxy('atproto_labeler', other.did)
  const report = await labeler.com.atproto.moderation.createReport({
    reasonType: 'com.atproto.moderation.defs#reasonSpam',
    subject: { $type: 'com.atproto.admin.defs#repoRef', did: alice.did },
  })
  assert.equal(report.data.reportedBy, alice.did)
  const call = lastCall(other, 'com.atproto.moderation.createReport')
  assert.equal(call.method, 'POST')
  assert.match(String(call.headers['content-type']), /^application\/json/)
  assert.equal(JSON.parse(call.body.toString('utf8')).reasonType, 'com.atproto.moderation.defs#reasonSpam')
})

test('without a header, app.bsky.*, chat.bsky.* and createReport go to the configured services', async () => {
  const before = home.calls.length
  const profile = await agent.app.bsky.actor.getProfile({ actor: alice.handle })
  assert.equal(profile.data.did, alice.did)
  await agent.chat.bsky.convo.listConvos()
  await agent.com.atproto.moderation.createReport({
    reasonType: 'com.atproto.moderation.defs#reasonOther',
    subject: { $type: 'com.atproto.admin.defs#repoRef', did: alice.did },
  })
  const got = home.calls.slice(before)
  assert.deepEqual(
    got.map((c) => c.nsid),
    ['app.bsky.actor.getProfile', 'chat.bsky.convo.listConvos', 'com.atproto.moderation.createReport'],
  )
  for (const call of got) assert.equal(call.aud, home.did)
  // Nothing else goes anywhere by default: an unknown namespace is still ours to lack.
  const unknown = await xrpc(t.url, 'com.example.nothing.here', { auth: alice.accessJwt })
  assert.equal(unknown.status, 501)
})

test('a service error is passed on with its status and body; its own failure is a 502', async () => {
  const missing = await xrpc(t.url, 'app.bsky.actor.getProfile', {
    auth: alice.accessJwt,
    params: { actor: 'missing.test' },
  })
  assert.deepEqual(missing, { status: 400, body: { error: 'InvalidRequest', message: 'Profile not found' } })

  home.answerNext('app.bsky.feed.getAuthorFeed', (_req, res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' })
    res.end(JSON.stringify({ error: 'RateLimitExceeded', message: 'slow down' }))
  })
  const limited = await fetch(`${t.url}/xrpc/app.bsky.feed.getAuthorFeed?actor=${alice.did}`, {
    headers: { authorization: `Bearer ${alice.accessJwt}` },
  })
  assert.equal(limited.status, 429)
  assert.equal(limited.headers.get('retry-after'), '7')
  assert.deepEqual(await limited.json(), { error: 'RateLimitExceeded', message: 'slow down' })

  home.answerNext('app.bsky.feed.getAuthorFeed', (_req, res) => {
    res.writeHead(500, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ error: 'InternalServerError', message: 'the AppView broke' }))
  })
  const broken = await xrpc(t.url, 'app.bsky.feed.getAuthorFeed', {
    auth: alice.accessJwt,
    params: { actor: alice.did },
  })
  assert.equal(broken.status, 502)
  assert.equal(broken.body.message, 'the AppView broke')
})

test('a service that is down, or does not answer in time, is a 502 UpstreamFailure', async () => {
  const down = await xrpc(t.url, 'app.bsky.feed.getTimeline', {
    auth: alice.accessJwt,
    headers: { 'atproto-proxy': `${other.did}#dead_service` },
  })
  assert.equal(down.status, 502, JSON.stringify(down.body))
  assert.equal(down.body.error, 'UpstreamFailure')
  assert.equal(typeof down.body.message, 'string')

  home.answerNext('app.bsky.feed.getTimeline', () => {
    // Never answers: the PDS gives up after its headers timeout.
  })
  const started = Date.now()
  const slow = await xrpc(t.url, 'app.bsky.feed.getTimeline', { auth: alice.accessJwt })
  assert.equal(slow.status, 502, JSON.stringify(slow.body))
  assert.equal(slow.body.error, 'UpstreamFailure')
  assert.ok(Date.now() - started < HEADERS_TIMEOUT_MS + 5000)
})

test('a large answer is streamed through, not gathered first', async () => {
  const chunk = Buffer.alloc(256 * 1024, 'a')
  const chunks = 24
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let seenBeforeTheRest = false
  home.answerNext('app.bsky.feed.getFeed', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' })
    // Half now; the rest once the client has seen bytes of the first half (or, if it never does, after a while).
    for (let i = 0; i < chunks / 2; i++) res.write(chunk)
    const fallback = setTimeout(release, 5000)
    void released.then(() => {
      clearTimeout(fallback)
      for (let i = chunks / 2; i < chunks; i++) res.write(chunk)
      res.end()
    })
  })
  const received = await new Promise<number>((resolve, reject) => {
    const url = new URL('/xrpc/app.bsky.feed.getFeed?feed=at://did:plc:x/app.bsky.feed.generator/y', t.url)
    const req = http.get(url, { headers: { authorization: `Bearer ${alice.accessJwt}` } }, (res) => {
      let size = 0
      let releasedYet = false
      void released.then(() => {
        releasedYet = true
      })
      res.on('data', (data: Buffer) => {
        if (!releasedYet) seenBeforeTheRest = true
        size += data.length
        release()
      })
      res.on('end', () => resolve(size))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
  assert.ok(seenBeforeTheRest, 'the client saw the first half before the service sent the rest')
  assert.equal(received, chunk.length * chunks)
})

test('account management is never passed on; methods served here answer here whatever the header', async () => {
  const before = home.calls.length
  const header = { 'atproto-proxy': `${home.did}#bsky_appview` }
  // Served here: answered here (this server sends no mail; no code was given), never passed on.
  const expected: [string, unknown, string][] = [
    ['com.atproto.identity.requestPlcOperationSignature', undefined, NO_MAIL_MESSAGE],
    ['com.atproto.identity.signPlcOperation', {}, 'email confirmation token required to sign PLC operations'],
  ]
  for (const [nsid, body, message] of expected) {
    const res = await xrpc(t.url, nsid, { auth: alice.accessJwt, body, post: true, headers: header })
    assert.equal(res.status, 400, `${nsid}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.message, message)
  }
  const session = await xrpc(t.url, 'com.atproto.server.getSession', { auth: alice.accessJwt, headers: header })
  assert.equal(session.status, 200)
  assert.equal(session.body.did, alice.did)
  const appPassword = await xrpc(t.url, 'com.atproto.server.createAppPassword', {
    auth: alice.accessJwt,
    body: { name: 'made here' },
    headers: header,
  })
  assert.equal(appPassword.status, 200, JSON.stringify(appPassword.body))
  assert.equal(home.calls.length, before, 'nothing reached the service')
})

test('only callers with a session are passed on, and a malformed or unresolvable header is a 400', async () => {
  const before = home.calls.length
  const anonymous = await xrpc(t.url, 'app.bsky.feed.getTimeline')
  assert.equal(anonymous.status, 401)
  const named = await xrpc(t.url, 'app.bsky.feed.getTimeline', {
    headers: { 'atproto-proxy': `${home.did}#bsky_appview` },
  })
  assert.equal(named.status, 401)
  const garbage = await xrpc(t.url, 'app.bsky.feed.getTimeline', { auth: 'not-a-token' })
  assert.equal(garbage.status, 400)
  assert.equal(garbage.body.error, 'InvalidToken')
  assert.equal(home.calls.length, before)

  for (const value of [home.did, `#bsky_appview`, `${home.did}#`, `${home.did}#a#b`, `${home.did}#no_such_service`]) {
    const res = await xrpc(t.url, 'app.bsky.feed.getTimeline', {
      auth: alice.accessJwt,
      headers: { 'atproto-proxy': value },
    })
    assert.equal(res.status, 400, `${value}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, 'InvalidRequest')
  }
  // A method known to take POST is refused as a GET, before anything is sent.
  const wrongVerb = await xrpc(t.url, 'com.atproto.moderation.createReport', { auth: alice.accessJwt })
  assert.equal(wrongVerb.status, 400)
})

test('a body over the limit is refused with 413, not passed on', async () => {
  const big = 'x'.repeat(t.ctx.config.limits.bodyBytes + 1)
  const res = await xrpc(t.url, 'com.atproto.moderation.createReport', {
    auth: alice.accessJwt,
    rawBody: JSON.stringify({ reasonType: 'x', reason: big }),
  })
  assert.equal(res.status, 413)
  assert.equal(res.body.error, 'PayloadTooLarge')

  // Sent in chunks with no length given: counted as it goes, and cut off at the limit.
  const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(new URL('/xrpc/com.atproto.moderation.createReport', t.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.accessJwt}`, 'content-type': 'application/json' },
    })
    req.on('response', (answer) => {
      let body = ''
      answer.on('data', (d: Buffer) => {
        body += d.toString('utf8')
      })
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body }))
    })
    // Once answered, the server may close the connection before all of this is written.
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    )
    req.write(`{"reasonType":"x","reason":"`)
    const piece = 'y'.repeat(64 * 1024)
    const pieces = Math.ceil(t.ctx.config.limits.bodyBytes / piece.length) + 1
    for (let i = 0; i < pieces; i++) req.write(piece)
    req.end('"}')
  })
  assert.equal(streamed.status, 413, streamed.body)
  assert.equal(JSON.parse(streamed.body).error, 'PayloadTooLarge')
})
