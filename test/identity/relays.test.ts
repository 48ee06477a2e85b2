// Relays hear of this PDS: requestCrawl with each of its hosts' hostnames at
// start and when a domain is added, each (relay, hostname) asked and retried
// on its own; a relay that is down does not stop the server, which keeps
// retrying with backoff until the relay answers. Incoming requestCrawl calls
// are checked as the lexicon says.
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer } from '../helpers/server.js'
import { until } from '../helpers/until.js'
import { unusedLocalUrl, xrpc } from '../helpers/xrpc.js'
import { loggedInAccount } from '../repo/helpers.js'

const FAST_RETRY = { attempts: 0, initialDelayMs: 20, maxDelayMs: 100 }
const SERVICE = { serviceURL: 'https://pds.relay.test', relayRetry: FAST_RETRY }

type Crawl = { method: string; path: string; body: unknown }

/** A stand-in relay that records each request and lets a test wait for the n-th. */
class FakeRelay {
  readonly received: Crawl[] = []
  /** Hostnames answered with a 503 for now. */
  readonly refusing = new Set<string>()
  private waiters: { n: number; resolve: () => void }[] = []
  private server?: Server

  async listen(port = 0): Promise<string> {
    this.server = createServer(async (req, res) => {
      let text = ''
      for await (const chunk of req) text += chunk
      const body = text ? JSON.parse(text) : undefined
      this.received.push({ method: req.method ?? '', path: req.url ?? '', body })
      res.writeHead(this.refusing.has(body?.hostname) ? 503 : 200).end()
      for (const w of this.waiters.filter((w) => this.received.length >= w.n)) w.resolve()
    })
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  requests(n: number): Promise<void> {
    if (this.received.length >= n) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ n, resolve }))
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()))
  }
}

const CRAWL = { method: 'POST', path: '/xrpc/com.atproto.sync.requestCrawl', body: { hostname: 'pds.relay.test' } }

test('at start and when a domain is added, each relay is asked to crawl this hostname', async () => {
  const relays = [new FakeRelay(), new FakeRelay()]
  const urls = await Promise.all(relays.map((r) => r.listen()))
  const t = await startTestServer({ config: { ...SERVICE, relays: urls } })
  try {
    await Promise.all(relays.map((r) => r.requests(1)))
    for (const r of relays) assert.deepEqual(r.received, [CRAWL])
    await addDomain(t, 'crawl.test')
    await Promise.all(relays.map((r) => r.requests(2)))
    for (const r of relays) assert.deepEqual(r.received, [CRAWL, CRAWL])
    await t.ctx.relays.settled()
    assert.deepEqual(
      t.ctx.relays.state().map((s) => s.status),
      ['accepted', 'accepted'],
    )
  } finally {
    await t.close()
    await Promise.all(relays.map((r) => r.close()))
  }
})

test('every host we serve is asked about, each relay and hostname on its own', async () => {
  const relays = [new FakeRelay(), new FakeRelay()]
  const urls = await Promise.all(relays.map((r) => r.listen()))
  const t = await startTestServer({ config: { ...SERVICE, relays: urls } })
  const hostC = 'pds-c.relay.test'
  const crawlOf = (hostname: string) => ({ ...CRAWL, body: { hostname } })
  const hostnames = (r: FakeRelay, from: number) =>
    r.received.slice(from).map((c) => (c.body as Crawl['body'] & { hostname: string }).hostname)
  try {
    await Promise.all(relays.map((r) => r.requests(1)))
    await addDomain(t, 'crawl.test')
    await Promise.all(relays.map((r) => r.requests(2)))
    await t.ctx.relays.settled()
    // The domain becomes a host of its own; the first relay refuses to hear of it for now.
    await t.ctx.registry.setPdsHostname('crawl.test', hostC)
    t.ctx.pdsHosts.forget()
    relays[0]?.refusing.add(hostC)
    const asked = relays.map((r) => r.received.length)
    t.ctx.relays.announce('test')
    await Promise.all(relays.map((r, i) => r.requests((asked[i] as number) + 2)))
    const stateOf = (relay: string, hostname: string) =>
      t.ctx.relays.state().find((s) => s.relay === relay && s.hostname === hostname)
    // Refused for one host, the relay is still asked about the other, which it accepts.
    await until(() => stateOf(urls[0] as string, 'pds.relay.test')?.status === 'accepted', 'the relay to accept')
    await until(() => (stateOf(urls[0] as string, hostC)?.attempts ?? 0) >= 2, 'a second try')
    assert.equal(stateOf(urls[0] as string, hostC)?.status, 'failing')
    assert.match(String(stateOf(urls[0] as string, hostC)?.lastError), /HTTP 503/)
    relays[0]?.refusing.delete(hostC)
    await t.ctx.relays.settled()
    assert.deepEqual(
      t.ctx.relays.state().map((s) => [s.relay, s.hostname, s.status]),
      [
        [urls[0], 'pds.relay.test', 'accepted'],
        [urls[1], 'pds.relay.test', 'accepted'],
        [urls[0], hostC, 'accepted'],
        [urls[1], hostC, 'accepted'],
      ],
    )
    // The relay that accepted at once was asked about each host once.
    assert.deepEqual(hostnames(relays[1] as FakeRelay, asked[1] as number).sort(), [hostC, 'pds.relay.test'])

    // One host alone: resolves once every relay has accepted it.
    const before = relays.map((r) => r.received.length)
    await t.ctx.relays.announceHost(hostC, 'test')
    for (const [i, r] of relays.entries()) assert.deepEqual(r.received.slice(before[i]), [crawlOf(hostC)])
    // An incoming requestCrawl for that host repeats its announcement, and no other.
    const ok = await xrpc(t.url, 'com.atproto.sync.requestCrawl', { body: { hostname: hostC } })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    await Promise.all(relays.map((r, i) => r.requests((before[i] as number) + 2)))
    await t.ctx.relays.settled()
    for (const [i, r] of relays.entries()) assert.deepEqual(hostnames(r, before[i] as number), [hostC, hostC])

    // An account on that host activated again: its host is news, not every host.
    const account = await loggedInAccount(t, 'cat.crawl.test')
    assert.ok(await t.ctx.registry.setHomeHost(account.did, 'crawl.test', hostC))
    await account.agent.com.atproto.server.deactivateAccount({})
    const beforeActivation = relays.map((r) => r.received.length)
    await account.agent.com.atproto.server.activateAccount()
    await Promise.all(relays.map((r, i) => r.requests((beforeActivation[i] as number) + 1)))
    await t.ctx.relays.settled()
    for (const [i, r] of relays.entries()) assert.deepEqual(hostnames(r, beforeActivation[i] as number), [hostC])
  } finally {
    await t.close()
    await Promise.all(relays.map((r) => r.close()))
  }
})

test('a relay that is down at start does not stop the server, which retries until it answers', async () => {
  // Nothing listens there until the relay starts below.
  const relayUrl = await unusedLocalUrl()
  const port = Number(new URL(relayUrl).port)
  const t = await startTestServer({ config: { ...SERVICE, relays: [relayUrl] } })
  const relay = new FakeRelay()
  try {
    // The server is up and answering while the relay is unreachable.
    assert.equal((await xrpc(t.url, 'com.atproto.server.describeServer')).status, 200)
    await until(() => (t.ctx.relays.state()[0]?.attempts ?? 0) >= 3, 'a third try')
    const failing = t.ctx.relays.state()[0]
    assert.equal(failing?.status, 'failing')
    assert.match(String(failing?.lastError), /ECONNREFUSED/)

    await relay.listen(port)
    await relay.requests(1)
    assert.deepEqual(relay.received[0], CRAWL)
    await t.ctx.relays.settled()
    assert.equal(t.ctx.relays.state()[0]?.status, 'accepted')
  } finally {
    await t.close()
    await relay.close()
  }
})

test('incoming requestCrawl: our own hostname repeats the announcement; anything else is a clear error', async () => {
  const relay = new FakeRelay()
  const t = await startTestServer({ config: { ...SERVICE, relays: [await relay.listen()] } })
  try {
    await relay.requests(1)
    const ok = await xrpc(t.url, 'com.atproto.sync.requestCrawl', { body: { hostname: 'PDS.relay.test' } })
    assert.equal(ok.status, 200, JSON.stringify(ok.body))
    await relay.requests(2)
    assert.deepEqual(relay.received[1], CRAWL)

    const cases: [unknown, RegExp][] = [
      [{}, /hostname/],
      [{ hostname: 42 }, /hostname/],
      [{ hostname: 'https://pds.relay.test/' }, /bare hostname/],
      [{ hostname: 'pds.relay.test/xrpc' }, /bare hostname/],
      [{ hostname: '' }, /bare hostname/],
      [{ hostname: 'other.example.com' }, /does not crawl other hosts/],
    ]
    for (const [body, message] of cases) {
      const res = await xrpc(t.url, 'com.atproto.sync.requestCrawl', { body })
      assert.equal(res.status, 400, JSON.stringify(body))
      assert.equal(res.body.error, 'InvalidRequest')
      assert.match(String(res.body.message), message)
    }
    const notJson = await xrpc(t.url, 'com.atproto.sync.requestCrawl', { rawBody: '{"hostname":' })
    assert.equal(notJson.status, 400)
    assert.equal(notJson.body.error, 'InvalidRequest')
    // None of the bad calls reached the relay.
    await t.ctx.relays.settled()
    assert.equal(relay.received.length, 2)
  } finally {
    await t.close()
    await relay.close()
  }
})
