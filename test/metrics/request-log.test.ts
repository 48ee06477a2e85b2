// The request log line is written when a request ends, outside its error
// handling: it must be written, with the client's IP, for requests whose body
// was refused midway too (the body pipeline takes the socket away), and must
// never throw there, where a throw ends the process.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { createLogger } from '../../src/lib/logger.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'

const BLOB_BYTES = 100_000
const PIECE = 16 * 1024
const lines: Record<string, unknown>[] = []
let t: TestServer
let jwt: string

before(async () => {
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) })
  t = await startTestServer({ logger, config: { limits: { blobBytes: BLOB_BYTES } } })
  await addDomain(t, 'log.test')
  jwt = (await loggedInAccount(t, 'alice.log.test')).agent.session?.accessJwt as string
})
after(() => t?.close())

/** A blob upload whose body arrives in pieces (chunked), `bytes` long, on `agent`'s connection. */
function uploadChunked(agent: http.Agent, bytes: number): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    let answered = false
    const headers = { authorization: `Bearer ${jwt}`, 'content-type': 'application/octet-stream' }
    const url = `${t.url}/xrpc/com.atproto.repo.uploadBlob`
    const req = http.request(url, { method: 'POST', headers, agent }, (res) => {
      answered = true
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
    })
    req.setTimeout(10_000, () => req.destroy(new Error('no answer in 10 s')))
    req.on('error', (err) => (answered ? undefined : reject(err)))
    void (async () => {
      for (let sent = 0; sent < bytes && !answered && !req.destroyed; sent += PIECE) {
        await new Promise<void>((done) => req.write(Buffer.alloc(Math.min(PIECE, bytes - sent)), () => done()))
      }
      if (!req.destroyed) req.end()
    })()
  })
}

async function logLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 5000
  for (;;) {
    const found = lines.find(match)
    if (found) return found
    if (Date.now() > deadline) assert.fail('no such log line')
    // A poll interval: the line is written when the response closes.
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test('a blob refused while still arriving is logged with its client IP, and the server serves on', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    // Far over: the answer goes out while most of the body has yet to arrive.
    const refused = await uploadChunked(agent, 10 * BLOB_BYTES)
    assert.equal(refused.status, 413)
    const line = await logLine((l) => l.msg === 'request' && l.nsid === 'com.atproto.repo.uploadBlob')
    assert.equal(line.status, 413)
    assert.equal(line.ip, '127.0.0.1')
    // The unread rest of that body must not hold up the next request on the same connection.
    assert.equal((await uploadChunked(agent, 100)).status, 200)
    assert.equal((await fetch(`${t.url}/xrpc/_health`)).status, 200)
  } finally {
    agent.destroy()
  }
})
