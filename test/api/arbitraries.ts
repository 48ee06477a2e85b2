// fast-check arbitraries for fuzzing the API: strings and numbers that break
// naive code, plain garbage, plausible values for each kind of field, and
// every kind of credential. Identifiers are drawn from a mutable pool of what
// the server really holds, so generated requests reach past the "not found"
// checks into the code behind them.
import fc from 'fast-check'

/** Real identifiers of the seeded state; refreshed when the state changes. */
export type Pools = {
  dids: string[]
  handles: string[]
  domains: string[]
  uris: string[]
  cids: string[]
  rkeys: string[]
  revs: string[]
  /** Whether a DID may stand for the caller itself (not for calls that destroy what they name). */
  self: boolean
}

/** Which credential a request carries; resolved to a live token only when it is sent. */
export type AuthChoice =
  | { kind: 'none' }
  | { kind: 'header'; value: string }
  | { kind: 'admin' }
  | { kind: 'adminBasic' }
  | { kind: 'access' | 'refresh'; who: number }

/** A request body: bytes or text with the content type (and encoding) it claims. */
export type Payload = { contentType?: string; contentEncoding?: string; body?: string | Uint8Array }

/** Stands for the caller's own DID; the sender fills it in, so writes can name the caller's repo. */
export const SELF = '{{self}}'

export const COLLECTIONS = [
  'app.bsky.feed.post',
  'app.bsky.actor.profile',
  'is.gather.feed.post',
  'is.gather.actor.profile',
  'is.gather.skill.listing',
  'is.gather.skill.review',
  'is.gather.shop.order',
  'com.example.unknown',
]

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202e\u200b',
  '%00',
  '%',
  '../../etc/passwd',
  "' or 1=1 --",
  '"; drop table account; --',
  'null',
  'NaN',
  '-1',
  '1e999',
  '9'.repeat(40),
  '🦋',
  'a\r\nb',
  'at://',
  'at://did:plc:x/a.b.c/self',
  'did:',
  'did:plc:',
  'did:web:',
  `did:plc:${'a'.repeat(24)}`,
  'did:web:localhost%3A1',
  'did:key:z6Mk',
  'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm',
  'bafkrei',
  'self',
  '.',
  '..',
  '*',
  '$type',
  '__proto__',
  'constructor',
  '3jzfcijpj2z2a',
  '1970-01-01T00:00:00Z',
  '-0001-01-01T00:00:00Z',
  'com.',
  'a.b',
  'localhost',
]

const CONTROL = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\ufffe',
)

/** Strings that break naive code: control characters, lone surrogates, huge, SQL-ish. */
export const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: CONTROL, maxLength: 8 }),
  // Up to 4 KiB of UTF-8: big, yet a few of them still fit in a URL.
  fc
    .tuple(fc.integer({ min: 256, max: 4096 }), fc.constantFrom('a', 'é', '🦋', '\u0000', '.'))
    .map(([bytes, c]) => c.repeat(Math.ceil(bytes / Buffer.byteLength(c)))),
)

export const weirdNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(-1, 0, 1, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5, -0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Any JSON value, weighted towards the ones schemas trip over. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  weirdNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
  fc.array(weirdString, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
)

export function fromPool(pool: () => string[], fallback: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.nat().chain((i) => {
    const values = pool()
    return values.length > 0 ? fc.constant(values[i % values.length] as string) : fallback
  })
}

/** A real value bent a little: case, padding, a stray byte, cut short, doubled. */
function bend(value: fc.Arbitrary<string>, clean: boolean): fc.Arbitrary<string> {
  if (clean) return value
  return fc.oneof(
    { weight: 6, arbitrary: value },
    {
      weight: 1,
      arbitrary: fc.tuple(value, fc.constantFrom('upper', 'pad', 'nul', 'cut', 'double', 'suffix')).map(([v, how]) => {
        if (how === 'upper') return v.toUpperCase()
        if (how === 'pad') return ` ${v} `
        if (how === 'nul') return `${v}\u0000`
        if (how === 'cut') return v.slice(0, Math.max(0, v.length - 3))
        if (how === 'double') return `${v}${v}`
        return `${v}.x`
      }),
    },
  )
}

const tid = fc.stringMatching(/^[2-7a-z]{13}$/)
const datetime = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2024-02-30T00:00:00Z', '2024-01-01', 'yesterday', '2024-01-01T00:00:00+25:00'),
)

/** A plausible string for a field, by its lexicon format or, for our own lexicons, its name. */
export function plausibleString(
  pools: Pools,
  format: string | undefined,
  name: string,
  clean = false,
): fc.Arbitrary<string> {
  const known = fromPool(() => pools.dids, fc.constant('did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'))
  const dids = pools.self ? fc.oneof(fc.constant(SELF), known) : known
  const handles = fromPool(() => pools.handles, fc.domain())
  const bent = (value: fc.Arbitrary<string>) => bend(value, clean)
  const key = format ?? name
  switch (key) {
    case 'did':
    case 'subject':
      return bent(fc.oneof(dids, fc.stringMatching(/^did:plc:[a-z2-7]{24}$/), fc.constant('did:web:example.com')))
    case 'handle':
    case 'ownerHandle':
    case 'identifier':
    case 'hostname': {
      // A free name under a hosted domain, so creating and renaming can succeed.
      const domains = fromPool(() => pools.domains, fc.domain())
      const fresh = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), domains).map(([n, d]) => `${n}.${d}`)
      return bent(fc.oneof(handles, fresh, fc.domain()))
    }
    case 'at-identifier':
    case 'repo':
      // The caller's own repo most often: the one a session may write to.
      return bent(pools.self ? fc.oneof(fc.constant(SELF), dids, handles) : fc.oneof(dids, handles))
    case 'domain':
      return bent(
        fc.oneof(
          fromPool(() => pools.domains, fc.domain()),
          fc.domain(),
        ),
      )
    case 'at-uri':
    case 'uri':
      return bent(
        fc.oneof(
          fromPool(() => pools.uris, fc.constant('at://did:plc:x/a.b/c')),
          fc.tuple(dids, fc.constantFrom(...COLLECTIONS), tid).map(([d, c, r]) => `at://${d}/${c}/${r}`),
          fc.webUrl(),
        ),
      )
    case 'cid':
      return bent(fromPool(() => pools.cids, fc.constant('bafyrei')))
    case 'nsid':
    case 'collection':
      return bent(fc.oneof(fc.constantFrom(...COLLECTIONS), fc.stringMatching(/^[a-z]{1,8}(\.[a-z]{1,8}){1,4}$/)))
    case 'tid':
    case 'since':
    case 'rev':
      return bent(
        fc.oneof(
          fromPool(() => pools.revs, tid),
          tid,
        ),
      )
    case 'record-key':
    case 'rkey':
      return bent(
        fc.oneof(
          fromPool(() => pools.rkeys, tid),
          tid,
          fc.constant('self'),
        ),
      )
    case 'datetime':
    case 'createdAt':
      return datetime
    case 'password':
    case 'ownerPassword':
      return fc.oneof(fc.constant('correct horse battery'), fc.string({ minLength: 0, maxLength: 80 }))
    case 'publicKey':
      return fc.oneof(
        fc.constant('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
        fc.uint8Array({ minLength: 31, maxLength: 33 }).map((b) => Buffer.from(b).toString('base64')),
      )
    default:
      return fc.string({ maxLength: 30 })
  }
}

const headerText = fc.stringMatching(/^[\x20-\x7e]{0,60}$/)
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

/** JWTs no one signed: alg none, or HS256 with a made-up signature. */
const forgedJwt = fc
  .tuple(
    fc.constantFrom('none', 'HS256', 'ES256K'),
    fc.constantFrom('com.atproto.access', 'com.atproto.refresh', 'x'),
    fc.stringMatching(/^did:plc:[a-z2-7]{24}$/),
    fc.integer(),
  )
  .map(
    ([alg, scope, sub, exp]) =>
      `${b64url({ alg, typ: 'JWT' })}.${b64url({ scope, sub, exp, iat: 0 })}.${alg === 'none' ? '' : 'c2ln'}`,
  )

/** Every kind of credential: none, garbage, a forged JWT, a user's access or refresh token, the admin key. */
export const authChoice: fc.Arbitrary<AuthChoice> = fc.oneof(
  fc.constant<AuthChoice>({ kind: 'none' }),
  fc
    .oneof(
      headerText.map((v) => `Bearer ${v}`),
      headerText.map((v) => `Basic ${Buffer.from(v).toString('base64')}`),
      headerText,
      forgedJwt.map((v) => `Bearer ${v}`),
    )
    .map((value): AuthChoice => ({ kind: 'header', value })),
  fc.constantFrom<AuthChoice>({ kind: 'admin' }, { kind: 'adminBasic' }),
  fc.record({ kind: fc.constant('refresh' as const), who: fc.nat() }),
  // A live session is what gets furthest into a handler, so it comes up most.
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('access' as const), who: fc.nat() }) },
)
