// A service that a DID document names is reached only at an https: URL on a
// public address: anyone can publish a document pointing at this machine or
// a private network and name it in an atproto-proxy header. Services the
// operator configured are trusted as written.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { XRPCError } from '@atproto/xrpc-server'
import { DEFAULT_PROXY } from '../../src/config/config.js'
import { isPublicAddress } from '../../src/proxy/public-address.js'
import { UpstreamClient } from '../../src/proxy/upstream.js'

let server: http.Server
let url: string
const client = new UpstreamClient(DEFAULT_PROXY, 1024)

before(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"ok":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => {
  client.close()
  server.closeAllConnections()
  server.close()
})

test('public addresses, and the ones that are not', () => {
  for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2001:4860:4860::8888'])
    assert.ok(isPublicAddress(ip), ip)
  for (const ip of [
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::127.0.0.1',
    '2002:7f00:1::',
    '2001:0:4136:e378::1',
    'fec0::1',
    'not-an-ip',
  ]) {
    assert.ok(!isPublicAddress(ip), ip)
  }
})

async function failure(target: string, guarded: boolean): Promise<XRPCError> {
  try {
    await client.send({ url: new URL('/xrpc/app.bsky.feed.getTimeline', target), guarded, method: 'GET', headers: {} })
  } catch (err) {
    assert.ok(err instanceof XRPCError)
    return err
  }
  return assert.fail(`${target} was reached`)
}

test('a service named by a DID document is not reached over http:, at a private address, or by a private name', async () => {
  for (const target of [url, 'https://127.0.0.1:1', 'https://[::1]:1', 'https://localhost:1']) {
    const err = await failure(target, true)
    assert.equal(err.type, 502, `${target}: ${err.message}`)
    assert.equal(err.customErrorName, 'UpstreamFailure')
  }
})

test('a configured service is reached where the operator put it', async () => {
  const answer = await client.send({
    url: new URL('/xrpc/app.bsky.feed.getTimeline', url),
    guarded: false,
    method: 'GET',
    headers: {},
  })
  assert.equal(answer.status, 200)
  assert.equal(answer.headers['content-type'], 'application/json')
  let text = ''
  for await (const chunk of answer.body) text += chunk
  assert.equal(text, '{"ok":true}')
})
