// Requests shaped by a method's lexicon: the right fields with contents that
// are usually plausible and often wrong, records of our collections, query
// strings, and bodies from well-formed to broken. A "clean" variant leaves
// out the garbage, so that enough inputs get past validation to reach the
// code that writes.
import type { LexiconDoc, Lexicons, LexUserType } from '@atproto/lexicon'
import fc from 'fast-check'
import {
  COLLECTIONS,
  fromPool,
  garbage,
  type Payload,
  type Pools,
  plausibleString,
  weirdString,
} from './arbitraries.js'

type Def = LexUserType | { type: string; [k: string]: unknown }
type Env = { pools: Pools; lex: Lexicons; docId: string; clean: boolean }

/** Values shaped like lexicon definition `def`. */
function shaped(def: Def, name: string, env: Env, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return garbage
  const right = rightValue(def, name, env, depth)
  return env.clean ? right : fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: garbage })
}

function rightValue(def: Def, name: string, env: Env, depth: number): fc.Arbitrary<unknown> {
  const d = def as Record<string, unknown>
  switch (def.type) {
    case 'string': {
      const plausible = plausibleString(env.pools, d.format as string | undefined, name, env.clean)
      const known = [...((d.knownValues as string[]) ?? []), ...((d.enum as string[]) ?? [])]
      return known.length > 0 ? fc.oneof(fc.constantFrom(...known), plausible) : plausible
    }
    case 'integer':
      return fc.integer({ min: (d.minimum as number) ?? -10, max: (d.maximum as number) ?? 1000 })
    case 'boolean':
      return fc.boolean()
    case 'array':
      return fc.array(shaped(d.items as Def, name, env, depth + 1), { maxLength: 4 })
    case 'object':
    case 'params':
      return shapedObject(def, env, depth)
    case 'ref':
      return shapedRef(d.ref as string, name, env, depth)
    case 'union':
      return fc
        .constantFrom(...(d.refs as string[]))
        .chain((ref) => shapedRef(ref, name, env, depth).map((v) => withType(v, absolute(ref, env.docId))))
    case 'unknown':
      return name === 'record' || name === 'value' ? recordValue(env, depth) : fc.jsonValue({ maxDepth: 2 })
    case 'blob':
      return plausibleString(env.pools, 'cid', name, true).map((cid) => ({
        $type: 'blob',
        ref: { $link: cid },
        mimeType: 'image/png',
        size: 8,
      }))
    case 'cid-link':
      return plausibleString(env.pools, 'cid', name, env.clean).map(($link) => ({ $link }))
    default:
      return garbage
  }
}

function absolute(ref: string, docId: string): string {
  const full = ref.startsWith('#') ? `${docId}${ref}` : ref
  return full.startsWith('lex:') ? full : `lex:${full}`
}

/** A union member names its type: `lex:a.b.c#main` is `a.b.c`, `lex:a.b.c#x` is `a.b.c#x`. */
function withType(value: unknown, uri: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  return { $type: uri.replace(/^lex:/, '').replace(/#main$/, ''), ...value }
}

function shapedRef(ref: string, name: string, env: Env, depth: number): fc.Arbitrary<unknown> {
  const uri = absolute(ref, env.docId)
  const target = env.lex.getDef(uri)
  if (!target) return garbage
  return shaped(target, name, { ...env, docId: uri.replace(/^lex:/, '').split('#')[0] as string }, depth + 1)
}

/** The lexicon's fields, any of which may be missing, plus (unless clean) fields it does not know. */
function shapedObject(def: Def, env: Env, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const props = ((def as { properties?: Record<string, Def> }).properties ?? {}) as Record<string, Def>
  const required = new Set((def as { required?: string[] }).required ?? [])
  const fields = Object.entries(props).map(([key, prop]) => {
    const present = shaped(prop, key, env, depth + 1).map((v) => [key, v] as const)
    // Optional fields are left out more often than not: each is one more way to be refused.
    const weights = required.has(key) ? [env.clean ? 1 : 8, env.clean ? 0 : 1] : [1, 2]
    return fc.oneof(
      { weight: weights[0] as number, arbitrary: present },
      { weight: weights[1] as number, arbitrary: fc.constant(undefined) },
    )
  })
  const extra = env.clean
    ? fc.constant({})
    : fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), garbage, { maxKeys: 3 }) },
      )
  const object = fc.tuple(fc.tuple(...fields), extra).map(([present, more]) => {
    const out: Record<string, unknown> = { ...more }
    for (const field of present) if (field) out[field[0]] = field[1]
    return out
  })
  return env.clean ? object.chain((o) => coherent(o, env.pools)) : object
}

/**
 * Clean inputs whose fields agree with each other, as a client's would: a
 * record's collection is its $type, and now and then the repo, collection
 * and rkey name a record that exists.
 */
function coherent(o: Record<string, unknown>, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const record = (o.record ?? o.value) as { $type?: unknown } | undefined
  if ('collection' in o && typeof record?.$type === 'string') o.collection = record.$type
  const repoKey = 'repo' in o ? 'repo' : 'did' in o ? 'did' : undefined
  if (!repoKey || !('collection' in o) || !('rkey' in o)) return fc.constant(o)
  const existing = fromPool(() => pools.uris, fc.constant('at://did:plc:x/a.b/c')).map((uri) => {
    const [did, collection, rkey] = uri.replace('at://', '').split('/')
    return { ...o, [repoKey]: did, collection, rkey }
  })
  return fc.oneof(fc.constant(o), existing)
}

/** A repo record: valid posts often (so writes succeed), else shaped by one of our collections, or any JSON. */
function recordValue(env: Env, depth: number): fc.Arbitrary<unknown> {
  const post = fc.record({
    $type: fc.constantFrom('app.bsky.feed.post', 'is.gather.feed.post'),
    text: fc.string({ maxLength: 50 }),
    createdAt: fc.constant(new Date().toISOString()),
  })
  const known = COLLECTIONS.filter((c) => env.lex.getDef(`lex:${c}`))
  const typed = fc.constantFrom(...known).chain((c) => {
    const def = (env.lex.getDef(`lex:${c}`) as { record: Def }).record
    return shaped(def, 'record', { ...env, docId: c }, depth + 1).map((v) => withType(v, `lex:${c}`))
  })
  return fc.oneof({ weight: 3, arbitrary: post }, { weight: 2, arbitrary: typed }, fc.jsonValue({ maxDepth: 3 }))
}

function lexEnv(doc: LexiconDoc, pools: Pools, lex: Lexicons, clean: boolean): Env {
  return { pools, lex, docId: doc.id, clean }
}

/** Query-string pairs for a method's parameters: shaped, repeated, missing, or with strangers. */
export function queryFor(doc: LexiconDoc, pools: Pools, lex: Lexicons): fc.Arbitrary<[string, string][]> {
  const params = (doc.defs.main as { parameters?: Def }).parameters
  if (!params) return fc.array(fc.tuple(fc.string({ maxLength: 10 }), weirdString), { maxLength: 2 })
  const object = fc.oneof(
    { weight: 1, arbitrary: shapedObject(params, lexEnv(doc, pools, lex, true)) },
    { weight: 2, arbitrary: shapedObject(params, lexEnv(doc, pools, lex, false)) },
  )
  const extra = fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(fc.string({ maxLength: 10 }), weirdString), { maxLength: 2 }) },
  )
  return fc.tuple(object, extra).map(([obj, more]) => {
    const pairs: [string, string][] = []
    for (const [k, v] of Object.entries(obj)) {
      for (const item of Array.isArray(v) ? v : [v]) {
        pairs.push([k, typeof item === 'string' ? item : (JSON.stringify(item) ?? '')])
      }
    }
    return [...pairs, ...more]
  })
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8']
const OTHER_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/cbor',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/json; charset=bogus',
  'image/png',
  'garbage',
  '*/*',
]

/** Malformed bodies: broken JSON, wrong content types, empty, binary. */
export const malformedPayload: fc.Arbitrary<Payload> = fc.oneof(
  fc
    .constantFrom('{', '{"a":', '[1,', 'nul', '{"repo":"x",}', '\ufeff{}', '{"a":1}{"b":2}', '""')
    .map((body) => ({ contentType: 'application/json', body })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ contentType: 'application/json', body })),
  fc
    .tuple(fc.constantFrom(...OTHER_TYPES), fc.jsonValue({ maxDepth: 2 }))
    .map(([contentType, v]) => ({ contentType, body: JSON.stringify(v) ?? '' })),
  fc
    .tuple(fc.constantFrom(...JSON_TYPES, ...OTHER_TYPES, undefined), fc.uint8Array({ maxLength: 2048 }))
    .map(([contentType, body]) => ({ contentType, body })),
  fc.constantFrom<Payload>({ contentType: 'application/json', body: '' }, {}, { body: '{}' }),
  // Compressed, or claiming to be: body-parser inflates gzip, deflate and br itself.
  fc
    .tuple(
      fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-bogus', 'gzip, gzip'),
      fc.uint8Array({ maxLength: 64 }),
    )
    .map(([contentEncoding, body]) => ({ contentType: 'application/json', contentEncoding, body })),
)

const BLOB_TYPES = [
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/octet-stream',
  'video/mp4',
  'x/y',
  'image/png; x=y',
]

/** A body for a procedure: shaped by its input schema (clean or not), random JSON, or malformed. */
export function payloadFor(doc: LexiconDoc, pools: Pools, lex: Lexicons): fc.Arbitrary<Payload> {
  const input = (doc.defs.main as { input?: { encoding: string; schema?: Def } }).input
  const randomJson = fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) }))
  if (input && input.encoding !== 'application/json') {
    // A blob upload: any bytes under any content type.
    const bytes = fc.tuple(fc.constantFrom(...BLOB_TYPES), fc.uint8Array({ maxLength: 4096 }))
    return fc.oneof(
      { weight: 3, arbitrary: bytes.map(([contentType, body]) => ({ contentType, body })) },
      randomJson,
      malformedPayload,
    )
  }
  if (!input?.schema) return fc.oneof(randomJson, malformedPayload)
  const body = (clean: boolean) =>
    shaped(input.schema as Def, 'input', lexEnv(doc, pools, lex, clean)).map((v) => ({
      contentType: 'application/json',
      body: JSON.stringify(v) ?? 'null',
    }))
  return fc.oneof(
    { weight: 4, arbitrary: body(true) },
    { weight: 4, arbitrary: body(false) },
    { weight: 1, arbitrary: randomJson },
    { weight: 2, arbitrary: malformedPayload },
  )
}
