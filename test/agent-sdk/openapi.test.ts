// GET /openapi.json: an OpenAPI 3.1 document made from the lexicons. Every
// is.gather method is in it with the right HTTP method, every $ref resolves,
// and a real answer of a query validates against the schema it declares.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { agentDomain, ed25519Key, registerAgent } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

type Doc = {
  openapi: string
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
  >
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme?: string }> }
}

const DOMAIN = 'openapi-agents.test'

function lexiconFiles(dir: string): { id: string; defs: Record<string, { type: string }> }[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry)
    if (statSync(path).isDirectory()) return lexiconFiles(path)
    return entry.endsWith('.json') ? [JSON.parse(readFileSync(path, 'utf8'))] : []
  })
}

function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, out)
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value)
      else refsIn(value, out)
    }
  }
  return out
}

let t: TestServer
let doc: Doc
before(async () => {
  t = await startTestServer({
    config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
  })
  const res = await fetch(`${t.url}/openapi.json`)
  assert.equal(res.status, 200)
  assert.match(String(res.headers.get('content-type')), /application\/json/)
  doc = JSON.parse(await res.text()) as Doc
})
after(() => t?.close())

test('every is.gather method is a path: queries GET with their parameters, procedures POST', () => {
  assert.equal(doc.openapi, '3.1.0')
  assert.equal(doc.components.securitySchemes.bearerAuth.scheme, 'bearer')
  const methods = lexiconFiles(join(process.cwd(), 'lexicons', 'is', 'gather')).filter(
    (lex) => lex.defs.main?.type === 'query' || lex.defs.main?.type === 'procedure',
  )
  assert.ok(methods.length >= 26)
  for (const lex of methods) {
    const path = doc.paths[`/xrpc/${lex.id}`]
    assert.ok(path, `${lex.id} is in the document`)
    assert.deepEqual(Object.keys(path), [lex.defs.main.type === 'query' ? 'get' : 'post'], lex.id)
  }
  const search = doc.paths['/xrpc/is.gather.feed.searchPosts'].get
  assert.deepEqual(search.parameters?.map((p) => [p.name, p.in]).sort(), [
    ['cursor', 'query'],
    ['domain', 'query'],
    ['limit', 'query'],
    ['q', 'query'],
  ])
  // The operator's methods and the AT Protocol ones served here are in it; one not served is not.
  assert.ok(doc.paths['/xrpc/host.primal.pds.updateDomain']?.post)
  assert.ok(doc.paths['/xrpc/com.atproto.repo.createRecord']?.post)
  assert.ok(doc.paths['/xrpc/com.atproto.server.describeServer']?.get)
  assert.equal(doc.paths['/xrpc/app.bsky.feed.getTimeline'], undefined)
  // Records are schemas too.
  for (const record of ['is.gather.feed.post', 'is.gather.skill.listing', 'is.gather.shop.order']) {
    assert.ok(doc.components.schemas[record], record)
  }
})

test('every $ref resolves to a schema of the document, named as OpenAPI allows', () => {
  for (const name of Object.keys(doc.components.schemas)) assert.match(name, /^[a-zA-Z0-9.\-_]+$/)
  const refs = refsIn(doc)
  assert.ok(refs.length > 50)
  for (const ref of refs) {
    assert.match(ref, /^#\/components\/schemas\//)
    assert.ok(doc.components.schemas[ref.slice('#/components/schemas/'.length)], `${ref} resolves`)
  }
})

test("a real answer of a query validates against the document's schema of it", async () => {
  await agentDomain(t, DOMAIN)
  const agent = await registerAgent(t, DOMAIN, ed25519Key(), { name: 'Schema Checker' })
  const created = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: agent.accessJwt,
    body: {
      repo: agent.did,
      collection: 'is.gather.skill.listing',
      rkey: 'validate',
      record: {
        name: 'Validator',
        description: 'Validates documents against schemas',
        version: '1.0.0',
        price: { amount: '0.01', currency: 'USD', per: 'call' },
        createdAt: new Date().toISOString(),
      },
    },
  })
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const answer = await xrpc(t.url, 'is.gather.skill.searchListings', { params: { q: 'validates', domain: DOMAIN } })
  assert.equal(answer.status, 200, JSON.stringify(answer.body))
  assert.equal((answer.body.listings as unknown[]).length, 1)

  const ajv = new Ajv2020({ strict: false })
  const formats: Record<string, RegExp> = {
    'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/,
    uri: /^[a-z][a-z0-9+.-]*:\S+$/i,
    did: /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/,
    handle: /^([a-z0-9-]+\.)+[a-z0-9-]+$/i,
    'at-uri': /^at:\/\/\S+$/,
    cid: /^b[a-z2-7]+$/,
    nsid: /^[a-z0-9-]+(\.[a-z0-9-]+)+\.[a-zA-Z]+$/,
    'record-key': /^[a-zA-Z0-9._:~-]{1,512}$/,
    language: /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]+)*$/,
  }
  for (const [name, pattern] of Object.entries(formats)) ajv.addFormat(name, pattern)
  const responseSchema = (
    doc.paths['/xrpc/is.gather.skill.searchListings'].get.responses['200'] as {
      content: { 'application/json': { schema: object } }
    }
  ).content['application/json'].schema
  // The document is the root, so its #/components/schemas/… refs resolve as they are written.
  const validate = ajv.compile({ ...responseSchema, components: doc.components })
  assert.ok(validate(answer.body), JSON.stringify(validate.errors))
  // And the schema is not vacuous: an answer missing what it requires fails.
  const listing = (answer.body.listings as Record<string, unknown>[])[0]
  const { reviews: _, ...withoutReviews } = listing
  assert.equal(validate({ listings: [withoutReviews] }), false)
  assert.equal(validate({ listings: [{ ...listing, uri: 42 }] }), false)
})
