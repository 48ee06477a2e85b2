// A read that fails while a subscriber follows the live tail (the database
// gone, say) closes that subscriber's connection; it does not become an
// unhandled rejection that takes the process down. A subscriber whose host
// cannot be looked up (the database gone) is answered with a 503, not a WebSocket.
import assert from 'node:assert/strict'
import { EventEmitter, once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import WebSocket from 'ws'
import { DEFAULT_FIREHOSE } from '../../src/config/config.js'
import { FirehoseServer } from '../../src/http/streams/firehose-server.js'
import { createLogger } from '../../src/lib/logger.js'
import type { EventTail } from '../../src/sync/event-tail.js'

/** A tail whose ring never reaches back and whose database reads all fail. */
class FailingTail extends EventEmitter {
  head = 0
  framesAfter(seq: number) {
    return seq >= this.head ? [] : undefined
  }
  readPage() {
    return Promise.reject(new Error('database gone'))
  }
  readAfter() {
    return Promise.reject(new Error('database gone'))
  }
}

test('a live subscriber whose next read fails is closed, and the process carries on', async () => {
  const tail = new FailingTail()
  const firehose = new FirehoseServer(tail as unknown as EventTail, DEFAULT_FIREHOSE, createLogger('silent'))
  const server = http.createServer()
  server.on('upgrade', (req, socket, head) => firehose.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const unhandled: unknown[] = []
  const onUnhandled = (err: unknown) => unhandled.push(err)
  process.on('unhandledRejection', onUnhandled)
  try {
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/`)
    await once(ws, 'open')
    const closed = once(ws, 'close')
    tail.head = 1
    tail.emit('events', 1)
    await closed
    assert.equal(firehose.subscriberCount, 0)
    // Any rejection left unhandled has been reported by the time the close has come through.
    await new Promise((resolve) => setImmediate(resolve))
    assert.deepEqual(unhandled, [])
  } finally {
    process.off('unhandledRejection', onUnhandled)
    firehose.close()
    await new Promise((resolve) => server.close(resolve))
  }
})

test('a subscriber whose host cannot be found for want of the database gets a 503, and no WebSocket', async () => {
  const tail = new FailingTail()
  const asked: string[] = []
  const hosts = {
    forRequest: (hostname: string) => {
      asked.push(hostname)
      return Promise.reject(new Error('Connection terminated unexpectedly'))
    },
  }
  const firehose = new FirehoseServer(tail as unknown as EventTail, DEFAULT_FIREHOSE, createLogger('silent'), hosts)
  const server = http.createServer()
  server.on('upgrade', (req, socket, head) => firehose.handleUpgrade(req, socket, head))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const port = (server.address() as AddressInfo).port
    const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { headers: { host: `pds-a.test:${port}` } })
    ws.on('error', () => {})
    const [, res] = (await once(ws, 'unexpected-response')) as [unknown, http.IncomingMessage]
    assert.equal(res.statusCode, 503)
    assert.equal(res.headers['retry-after'] !== undefined, true)
    let body = ''
    for await (const chunk of res) body += chunk
    assert.equal(JSON.parse(body).error, 'DatabaseUnreachable')
    // The host is asked for by name, without the port.
    assert.deepEqual(asked, ['pds-a.test'])
    assert.equal(firehose.subscriberCount, 0)
  } finally {
    firehose.close()
    await new Promise((resolve) => server.close(resolve))
  }
})
