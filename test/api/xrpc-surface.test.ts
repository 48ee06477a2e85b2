// What every answer looks like from outside, whatever route gave it: no
// X-Powered-By naming the framework, and under /xrpc/ always an XRPC error
// body, 501 MethodNotImplemented for a method this server does not serve
// (lexicon known to it or not), never Express's HTML 404.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { registerMethods } from '../../src/api/index.js'
import type { MethodServer } from '../../src/api/method-server.js'
import { allLexicons } from '../../src/lexicon/lexicons.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let t: TestServer
let did: string

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'surface.test')
  did = (await createAccount(t, 'alice.surface.test')).did
})
after(() => t?.close())

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string }

/** Any verb and any path, sent as written (fetch would refuse some verbs and tidy some paths). */
function request(method: string, path: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers =
      body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
    const req = http.request(`${t.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      )
    })
    req.on('error', reject)
    req.end(body)
  })
}

test('no answer names the framework (X-Powered-By), XRPC success and errors included', async () => {
  const cases: [string, string, number][] = [
    ['GET', '/xrpc/com.atproto.server.describeServer', 200],
    ['GET', `/xrpc/com.atproto.repo.describeRepo?repo=${did}`, 200],
    ['GET', '/xrpc/com.atproto.repo.describeRepo', 400],
    ['GET', '/xrpc/com.atproto.repo.describeRepo?repo=did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', 400],
    ['POST', '/xrpc/com.atproto.repo.createRecord', 401],
    ['GET', '/xrpc/com.example.nothing', 501],
    ['GET', '/xrpc/app.bsky.actor.getProfile', 501],
    ['GET', '/xrpc/_health', 200],
    ['GET', '/', 200],
    ['GET', '/discover', 200],
    ['GET', '/.well-known/did.json', 404],
    ['GET', '/mcp', 405],
    ['GET', '/nothing/here', 404],
  ]
  for (const [method, path, status] of cases) {
    const answer = await request(method, path)
    assert.equal(answer.status, status, `${method} ${path}: ${answer.text}`)
    assert.equal(answer.headers['x-powered-by'], undefined, `${method} ${path} sent X-Powered-By`)
  }
})

/** Every NSID the server knows a lexicon for but has registered no handler for. */
function knownButUnserved(): string[] {
  const served = new Set<string>()
  const recorder = new Proxy({}, { get: () => (nsid: string) => served.add(nsid) })
  registerMethods(recorder as MethodServer, t.ctx)
  return allLexicons()
    .filter((d) => ['query', 'procedure'].includes(d.defs.main?.type ?? '') && !served.has(d.id))
    .map((d) => d.id)
}

function assertNotImplemented(answer: Answer, what: string): void {
  assert.equal(answer.status, 501, `${what}: ${answer.status} ${answer.text}`)
  assert.match(String(answer.headers['content-type']), /^application\/json/, what)
  const body = JSON.parse(answer.text) as { error?: unknown; message?: unknown }
  assert.equal(body.error, 'MethodNotImplemented', what)
  assert.equal(typeof body.message, 'string', what)
}

test('a method with a known lexicon that is not served: JSON 501, whatever the verb', async () => {
  const unserved = knownButUnserved()
  assert.ok(unserved.includes('app.bsky.actor.getProfile'), 'app.bsky.actor.getProfile is served after all')
  for (const nsid of unserved) {
    const type = allLexicons().find((d) => d.id === nsid)?.defs.main?.type
    // The verb its lexicon wants, and the other one (which xrpc-server refuses as 400, also JSON).
    const right = type === 'procedure' ? 'POST' : 'GET'
    assertNotImplemented(await request(right, `/xrpc/${nsid}`, right === 'POST' ? '{}' : undefined), `${right} ${nsid}`)
  }
})

test('every answer under /xrpc/ is an XRPC error body; what is not served is 501', async () => {
  const paths = ['/xrpc/', '/xrpc/a/b', '/xrpc/com.example.nothing', '/xrpc/com.atproto.sync.listReposByCollection']
  for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
    for (const path of paths) {
      const answer = await request(method, path, method === 'GET' ? undefined : '{}')
      assertNotImplemented(answer, `${method} ${path}`)
    }
  }
  // HEAD has no body to show: the status says it.
  assert.equal((await request('HEAD', '/xrpc/app.bsky.actor.getProfile')).status, 501)
})
