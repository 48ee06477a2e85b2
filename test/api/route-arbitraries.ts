// Arbitraries for the routes outside XRPC's lexicons: Host headers for the
// well-known documents, query strings for the event streams, and JSON-RPC
// for /mcp (tool calls shaped like ours, with garbage arguments).
import fc from 'fast-check'
import { garbage, type Payload, type Pools, plausibleString, weirdString } from './arbitraries.js'

/** What a Host header may hold on the wire (node refuses to send control characters). */
export function hostHeader(pools: Pools): fc.Arbitrary<string> {
  const latin1 = fc.string({
    unit: fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c)),
    maxLength: 8,
  })
  const hosts = fc.oneof(
    plausibleString(pools, 'handle', 'handle'),
    plausibleString(pools, undefined, 'domain'),
    fc
      .tuple(plausibleString(pools, 'handle', 'handle'), fc.integer({ min: 0, max: 70000 }))
      .map(([h, p]) => `${h}:${p}`),
    fc.constantFrom(
      'localhost',
      '127.0.0.1',
      '[::1]:80',
      '[::1',
      'localhost:',
      ':80',
      '.',
      'a..b',
      'LOCALHOST',
      'x_y.test',
      '*',
    ),
    fc.stringMatching(/^[\x21-\x7e]{0,40}$/),
    latin1,
  )
  // Control characters cannot be sent at all (node refuses them in a header).
  const sendable = (c: string) => (c.codePointAt(0) ?? 0) >= 0x20 && c !== '\u007f'
  return hosts.map((h) => [...h].filter(sendable).join(''))
}

/** Query pairs for /subscribe and subscribeRepos: their real parameters with odd values, and strangers. */
export function streamQuery(pools: Pools): fc.Arbitrary<[string, string][]> {
  const name = fc.constantFrom(
    'cursor',
    'wantedCollections',
    'wantedDids',
    'maxMessageSizeBytes',
    'compress',
    'requireHello',
    'since',
  )
  const value = fc.oneof(
    fc.nat().map(String),
    fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
    fc.constantFrom('0', '-1', '1.5', '1e3', 'true', '*', 'is.gather.*', 'app.bsky.feed.post'),
    plausibleString(pools, 'did', 'did'),
    plausibleString(pools, 'nsid', 'collection'),
    weirdString,
  )
  const pair = fc.oneof(fc.tuple(name, value), fc.tuple(fc.string({ maxLength: 8 }), weirdString))
  return fc.array(pair, { maxLength: 4 })
}

const TOOLS = [
  'whoami',
  'create_post',
  'reply',
  'list_my_posts',
  'list_domain_posts',
  'publish_skill',
  'update_skill',
  'review_skill',
  'place_order',
  'get_record',
  'search',
  'no_such_tool',
]
const ARG_NAMES = [
  'text',
  'uri',
  'cid',
  'rkey',
  'parent',
  'name',
  'description',
  'version',
  'endpoint',
  'usage',
  'tags',
  'price',
  'rating',
  'items',
  'amount',
  'currency',
  'seller',
  'note',
  'q',
  'kind',
  'domain',
  'limit',
  'cursor',
]

function toolArguments(pools: Pools): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: plausibleString(pools, 'at-uri', 'uri') },
    { weight: 1, arbitrary: fc.integer({ min: -2, max: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom('posts', 'skills') },
    { weight: 2, arbitrary: garbage },
  )
  return fc.oneof(
    { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...ARG_NAMES), value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: garbage },
  )
}

function jsonRpc(pools: Pools): fc.Arbitrary<unknown> {
  const id = fc.oneof(fc.nat(), fc.string({ maxLength: 5 }), fc.constant(null))
  const call = fc.record({
    jsonrpc: fc.constant('2.0'),
    id,
    method: fc.constant('tools/call'),
    params: fc.record({ name: fc.constantFrom(...TOOLS), arguments: toolArguments(pools) }),
  })
  const other = fc.record({
    jsonrpc: fc.oneof({ weight: 5, arbitrary: fc.constant('2.0') }, { weight: 1, arbitrary: garbage }),
    id,
    method: fc.oneof(
      fc.constantFrom('initialize', 'tools/list', 'ping', 'notifications/initialized', 'resources/list'),
      weirdString,
    ),
    params: fc.option(garbage, { nil: undefined }),
  })
  const message = fc.oneof({ weight: 3, arbitrary: call }, { weight: 2, arbitrary: other })
  return fc.oneof(
    { weight: 6, arbitrary: message },
    { weight: 1, arbitrary: fc.array(message, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  )
}

/** A POST body for /mcp: JSON-RPC under the right content type, or something broken. */
export function mcpPayload(pools: Pools): fc.Arbitrary<Payload> {
  const good = jsonRpc(pools).map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) }))
  const broken = fc.oneof(
    fc
      .constantFrom('{', '{"jsonrpc":"2.0",', '', '[]', '\u0000')
      .map((body) => ({ contentType: 'application/json', body })),
    jsonRpc(pools).map((v) => ({ contentType: 'text/plain', body: JSON.stringify(v) })),
    fc.uint8Array({ maxLength: 512 }).map((body) => ({ contentType: 'application/json; charset=utf-16', body })),
    fc.constantFrom('gzip', 'br', 'x-bogus').map((contentEncoding) => ({
      contentType: 'application/json',
      contentEncoding,
      body: '{"jsonrpc":"2.0"}',
    })),
    fc.constant({ contentType: 'application/json; charset=bogus', body: '{}' }),
  )
  return fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: broken })
}

/** The Accept headers MCP clients send, and ones they should not. */
export const mcpAccept = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json, text/event-stream') },
  { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/event-stream', '*/*', 'text/html') },
)
