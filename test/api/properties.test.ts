// Property-based fuzzing of every XRPC method the server registers (found
// by registering them against a recorder, so a new method is covered without
// touching this file) and of the plain routes beside them. For any input and
// any credential: never a 5xx, a refusal shaped `{error, message?}`, the
// server still answering, nothing logged as an error, and a refused request
// changes nothing. FC_SEED=<n> replays a run, FC_RUNS=<n> sets the inputs per
// property, FC_ONLY=<regexp> picks methods, FC_STATS=1 (or 2) shows what came back.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import type { LexiconDoc } from '@atproto/lexicon'
import fc from 'fast-check'
import { registerMethods } from '../../src/api/index.js'
import type { MethodServer } from '../../src/api/method-server.js'
import { SUBSCRIBE_REPOS_PATH } from '../../src/http/streams/firehose-server.js'
import { JETSTREAM_PATH } from '../../src/http/streams/jetstream-server.js'
import { allLexicons } from '../../src/lexicon/lexicons.js'
import { type AuthChoice, authChoice, type Payload } from './arbitraries.js'
import { startWorld, type World } from './fuzz-world.js'
import { payloadFor, queryFor } from './lexicon-arbitraries.js'
import { assertGoodReply, type Probe, type Reply } from './probes.js'
import { PropertyCheck } from './property-check.js'
import { hostHeader, mcpAccept, mcpPayload, streamQuery } from './route-arbitraries.js'

const RUNS = Number(process.env.FC_RUNS ?? 40)
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined
/** FC_ONLY=<regexp> fuzzes only the methods it matches (to replay one). */
const ONLY = new RegExp(process.env.FC_ONLY ?? '')
/** Calls that may destroy what they name: their identifiers come from the spare pools, never the core seed. */
const DESTRUCTIVE = new Set([
  'host.primal.pds.removeDomain',
  'host.primal.pds.deleteAccount',
  'com.atproto.admin.deleteAccount',
])

/** What each method answered: how deep the inputs got (2xx) or where they were stopped. */
const STATS = Boolean(process.env.FC_STATS)

let world: World
let check: PropertyCheck

before(async () => {
  world = await startWorld()
  check = new PropertyCheck(world)
})
after(async () => {
  if (STATS) check?.printStats()
  await world?.t.close()
})

/** fast-check prints the seed and path of a failure: FC_SEED (with FC_ONLY) replays it. */
function run<T>(arb: fc.Arbitrary<T>, property: (value: T) => Promise<void>): Promise<void> {
  const options = { numRuns: RUNS, seed: SEED, includeErrorInReport: true, verbose: 1 }
  return fc.assert(fc.asyncProperty(arb, property), options)
}

/** Every NSID registerMethods registers (the core's, then the wings'), in order. */
function registeredMethods(): string[] {
  const names: string[] = []
  const recorder = new Proxy({}, { get: () => (nsid: string) => names.push(nsid) })
  registerMethods(recorder as MethodServer, world.t.ctx)
  return names
}

function xrpcProbe(doc: LexiconDoc): fc.Arbitrary<Probe> {
  const type = doc.defs.main?.type
  const pools = DESTRUCTIVE.has(doc.id) ? world.spare : world.pools
  const lex = world.t.ctx.lexicons
  const method = fc.oneof(
    { weight: 12, arbitrary: fc.constant(type === 'query' ? 'GET' : 'POST') },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') },
  )
  return fc.record({
    method,
    path: fc.constant(`/xrpc/${doc.id}`),
    query: queryFor(doc, pools, lex),
    auth: authChoice,
    payload: type === 'procedure' ? payloadFor(doc, pools, lex) : fc.constant(undefined),
  })
}

test('every registered XRPC method keeps its properties under random input', async (t) => {
  const docs = new Map<string, LexiconDoc>(allLexicons().map((d) => [d.id, d]))
  const methods = registeredMethods()
  assert.ok(methods.length >= 40, `only ${methods.length} methods registered`)
  for (const nsid of methods.filter((m) => ONLY.test(m))) {
    await t.test(nsid, async () => {
      const doc = docs.get(nsid)
      assert.ok(doc, `${nsid} has no lexicon`)
      assert.ok(['query', 'procedure'].includes(doc.defs.main?.type ?? ''), `${nsid} is not a query or procedure`)
      await run(xrpcProbe(doc), (p) => check.probe(p, { kind: 'xrpc', label: nsid }))
    })
  }
})

/** The bytes a method's input may have: bodyBytes for JSON and text, importRepoBytes for a repo's CAR, blobBytes for the rest. */
function inputOf(doc: LexiconDoc): { contentType: string; limit: number } | undefined {
  const main = doc.defs.main
  const encoding = main && 'input' in main ? main.input?.encoding.split(',')[0]?.trim() : undefined
  if (!encoding) return undefined
  const { bodyBytes, blobBytes, importRepoBytes } = world.t.ctx.config.limits
  if (encoding === 'application/json' || encoding.startsWith('text/'))
    return { contentType: encoding, limit: bodyBytes }
  if (doc.id === 'com.atproto.repo.importRepo') return { contentType: encoding, limit: importRepoBytes }
  return { contentType: encoding === '*/*' ? 'application/octet-stream' : encoding, limit: blobBytes }
}

/** As in the report that found the crash: 200 MB of zeros, 194 KB gzipped, with an honest Content-Length. */
const GZIP_BOMB = gzipSync(Buffer.alloc(200 * 1024 * 1024))

/** Bodies over `limit` whose size shows only as they arrive: chunked, or gzip that inflates past it. */
function oversizeBodies(contentType: string, limit: number): [string, Payload, boolean][] {
  const bytes = (n: number) => Buffer.alloc(n, 0x20)
  return [
    ['chunked, just over', { contentType, body: bytes(limit + 1) }, true],
    ['chunked, far over', { contentType, body: bytes(8 * limit) }, true],
    ['gzip, just over', { contentType, contentEncoding: 'gzip', body: gzipSync(bytes(limit + 1)) }, false],
    ['gzip, far over', { contentType, contentEncoding: 'gzip', body: GZIP_BOMB }, false],
  ]
}

/** Every kind of credential a method may want before it reads its body. */
const BODY_CREDENTIALS: AuthChoice[] = [
  { kind: 'access', who: 0 },
  { kind: 'admin' },
  { kind: 'refresh', who: 0 },
  { kind: 'none' },
]

// Found by the issue: a blob over its limit while still arriving was answered 413, then the
// request log read req.ip from the socket the body pipeline had taken away, and the process died.
test('every method that takes a body refuses one over its limit, chunked or gzip, and keeps serving', async (t) => {
  const docs = new Map<string, LexiconDoc>(allLexicons().map((d) => [d.id, d]))
  const takingBodies = registeredMethods().filter(
    (m) => ONLY.test(m) && docs.get(m) && inputOf(docs.get(m) as LexiconDoc),
  )
  assert.ok(takingBodies.length >= (ONLY.source === '(?:)' ? 20 : 1), `only ${takingBodies.length} methods take a body`)
  for (const nsid of takingBodies) {
    const { contentType, limit } = inputOf(docs.get(nsid) as LexiconDoc) as { contentType: string; limit: number }
    await t.test(nsid, async () => {
      for (const [what, payload, chunked] of oversizeBodies(contentType, limit)) {
        // A method refuses a credential it does not take before reading the body; one it takes must get the 413.
        const replies: Reply[] = []
        for (const auth of BODY_CREDENTIALS) {
          const probe: Probe = { method: 'POST', path: `/xrpc/${nsid}`, auth, payload, chunked }
          await check.probe(probe, {
            kind: 'xrpc',
            label: nsid,
            judge: (reply) => {
              assertGoodReply(reply, true)
              replies.push(reply)
            },
          })
          if (replies.at(-1)?.status === 413) break
        }
        const last = replies.at(-1) as Reply
        assert.equal(last.status, 413, `${what}: no credential got the body read: ${last.status} ${last.text}`)
        assert.equal(JSON.parse(last.text).error, 'PayloadTooLarge', `${what}: ${last.text}`)
      }
    })
  }
})

test('unregistered and malformed XRPC paths are refused cleanly', async () => {
  const served = new Set(registeredMethods())
  // Methods whose lexicons the server knows but does not serve (app.bsky.*, some com.atproto.*) too.
  const unserved: string[] = allLexicons()
    .filter((d) => ['query', 'procedure', 'subscription'].includes(d.defs.main?.type ?? '') && !served.has(d.id))
    .map((d) => d.id)
  const nsid = fc.oneof(
    fc.stringMatching(/^[a-z]{1,6}(\.[a-z]{1,6}){2,3}$/),
    fc.string({ maxLength: 20 }),
    fc.constantFrom(...unserved),
  )
  const arb = fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), nsid, auth: authChoice })
  await run(arb, (v) => {
    // The protocol's answer to a method this server does not have: the one 5xx allowed, and the only answer.
    const judge = (reply: Reply) => {
      if (reply.status === 501) assert.equal(JSON.parse(reply.text).error, 'MethodNotImplemented')
      else assertGoodReply(reply, true)
      if (unserved.includes(v.nsid)) assert.equal(reply.status, 501, `${v.method} ${v.nsid}: ${reply.text}`)
    }
    return check.probe(
      { method: v.method, path: `/xrpc/${encodeURIComponent(v.nsid)}`, auth: v.auth },
      { kind: 'xrpc', judge },
    )
  })
})

test('subscribeRepos: a WebSocket with random query strings', async () => {
  const arb = fc.record({ query: streamQuery(world.pools), auth: authChoice })
  await run(arb, (v) => check.probe({ method: 'GET', path: SUBSCRIBE_REPOS_PATH, ...v }, { kind: 'plain', ws: true }))
})

test('/subscribe: Server-Sent Events and WebSocket with random query strings', async () => {
  const arb = fc.record({ query: streamQuery(world.pools), ws: fc.boolean(), lastEventId: fc.option(fc.nat()) })
  await run(arb, ({ query, ws, lastEventId }) => {
    const headers: Record<string, string> = lastEventId === null ? {} : { 'last-event-id': String(lastEventId) }
    return check.probe({ method: 'GET', path: JETSTREAM_PATH, query, headers, stream: true }, { kind: 'plain', ws })
  })
})

test('/mcp: random JSON-RPC with every kind of credential', async () => {
  const arb = fc.record({ payload: mcpPayload(world.pools), auth: authChoice, accept: mcpAccept })
  await run(arb, ({ payload, auth, accept }) =>
    check.probe({ method: 'POST', path: '/mcp', payload, auth, headers: { accept } }, { kind: 'mcp', label: 'mcp' }),
  )
})

test('/discover and the well-known documents under random Host headers', async () => {
  const arb = fc.record({
    path: fc.constantFrom('/discover', '/.well-known/atproto-did', '/.well-known/did.json'),
    host: hostHeader(world.pools),
    query: streamQuery(world.pools),
  })
  await run(arb, ({ path, host, query }) =>
    check.probe({ method: 'GET', path, query, headers: { host } }, { kind: 'plain' }),
  )
})

/** A request that must be refused with exactly this status and error, keeping every property. */
function refusedWith(status: number, error: string) {
  return (reply: Reply) => {
    assertGoodReply(reply, true)
    assert.equal(reply.status, status, reply.text)
    assert.equal((JSON.parse(reply.text) as { error?: string }).error, error, reply.text)
  }
}

const get = (nsid: string, query: Record<string, string>, auth?: AuthChoice): Probe => ({
  method: 'GET',
  path: `/xrpc/${nsid}`,
  query: Object.entries(query),
  auth,
})
const post = (nsid: string, payload: Payload, auth?: AuthChoice): Probe => ({
  method: 'POST',
  path: `/xrpc/${nsid}`,
  payload,
  auth,
})
const json = (body: unknown): Payload => ({ contentType: 'application/json', body: JSON.stringify(body) })
const ALICE: AuthChoice = { kind: 'access', who: 0 }

// Found by the properties above: a NUL reached Postgres, which cannot store one, and the answer was a 500.
test('regression: NUL in an identifier, a domain or a cursor is refused, not a 500', async () => {
  const did = world.members[0]?.did ?? ''
  const cases: [Probe, number, string][] = [
    [post('is.gather.agent.requestLogin', json({ identifier: 'a\u0000b' })), 400, 'AccountNotFound'],
    [
      post('is.gather.agent.requestKeyRotation', json({ identifier: 'a\u0000b', newPublicKey: '' })),
      400,
      'AccountNotFound',
    ],
    [get('is.gather.skill.searchListings', { domain: 'alpha.test\u0000' }), 400, 'DomainNotFound'],
    [get('com.atproto.repo.listRecords', { repo: did, collection: 'a.b.c', cursor: 'a\u0000' }), 400, 'InvalidRequest'],
    [get('com.atproto.sync.listBlobs', { did, cursor: '\u0000' }), 400, 'InvalidRequest'],
    [get('com.atproto.sync.listRepos', { cursor: 'did:\u0000' }), 400, 'InvalidRequest'],
    [
      get('host.primal.pds.listAccounts', { domain: 'alpha.test', cursor: '\u0000' }, { kind: 'admin' }),
      400,
      'InvalidRequest',
    ],
  ]
  for (const [p, status, error] of cases) await check.probe(p, { kind: 'xrpc', judge: refusedWith(status, error) })
  // The MCP tools share those services: the same cursor is a tool error there, not an internal one.
  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'list_my_posts', arguments: { cursor: '\u0000' } },
  }
  const headers = { accept: 'application/json, text/event-stream' }
  await check.probe(
    { method: 'POST', path: '/mcp', auth: ALICE, headers, payload: json(call) },
    {
      kind: 'mcp',
      judge: (reply) => {
        assert.equal(reply.status, 200)
        assert.match(reply.text, /"isError":true.*Malformed cursor|Malformed cursor.*"isError":true/)
      },
    },
  )
})

// Found by the properties above: Node refused an over-long URL itself, with a 431 and no body at all.
test('regression: a request line or headers over the limit get a JSON refusal', async () => {
  const tooLong = get('is.gather.feed.searchPosts', { q: '🦋'.repeat(4000) })
  await check.probe(tooLong, { kind: 'xrpc', judge: refusedWith(431, 'InvalidRequest') })
})

// Found by the properties above: a body its Content-Encoding could not decode was a 500 for
// uploadBlob, and elsewhere a refusal named "Error"; an unknown charset was "UnsupportedMediaTypeError".
test('regression: bodies that cannot be decoded are refused under protocol names', async () => {
  const garbage = new Uint8Array([1, 2, 3])
  const gzip = (contentType: string): Payload => ({ contentType, contentEncoding: 'gzip', body: garbage })
  const cases: [Probe, number, string][] = [
    [post('com.atproto.repo.uploadBlob', gzip('image/png'), ALICE), 400, 'InvalidRequest'],
    [post('com.atproto.server.createSession', gzip('application/json')), 400, 'InvalidRequest'],
    [
      post('com.atproto.server.createSession', { contentType: 'application/json; charset=bogus', body: '{}' }),
      415,
      'UnsupportedMediaType',
    ],
    [
      post('com.atproto.server.createSession', { ...json({}), contentEncoding: 'x-bogus' }),
      415,
      'UnsupportedMediaType',
    ],
  ]
  for (const [p, status, error] of cases) await check.probe(p, { kind: 'xrpc', judge: refusedWith(status, error) })
})
