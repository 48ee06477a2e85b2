// The relay monitor on its own, against relays that answer each in their own
// way: it checks in the background on its interval; a relay that is slow past
// the timeout, answers 500, or does not know a host (404 or 400) is a view
// saying so; an account count missing from getHostStatus is read from
// listHosts, page after page; and the crawl state is the one for that relay
// and host.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import { type CrawlState, type MonitoredHost, RelayMonitor } from '../../src/identity/relay-monitor.js'
import { createLogger } from '../../src/lib/logger.js'
import { until } from '../helpers/until.js'

const HOSTS: MonitoredHost[] = [
  { host: null, hostname: 'pds.example', domains: ['one.example'], eventsPerSecond: 0 },
  { host: 'pds-two.example', hostname: 'pds-two.example', domains: ['two.example'], eventsPerSecond: 50 },
]

type Route = (url: URL) => { status: number; body?: unknown } | 'hang'

/** A relay answering each request with `route`; 'hang' never answers. */
async function fakeRelay(route: Route) {
  const asked: string[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay')
    asked.push(`${url.pathname.replace('/xrpc/', '')}${url.search}`)
    const answer = route(url)
    if (answer === 'hang') return
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function monitor(relays: string[], opts: { intervalMs?: number; crawls?: CrawlState[] } = {}) {
  return new RelayMonitor({
    relays,
    hosts: async () => HOSTS,
    accountsByHost: async () => [
      { host: null, accounts: 7 },
      { host: 'pds-two.example', accounts: 3 },
    ],
    headsByHost: async () => [
      { host: null, seq: 100 },
      { host: 'pds-two.example', seq: 90 },
    ],
    crawlStates: () => opts.crawls ?? [],
    intervalMs: opts.intervalMs ?? 0,
    timeoutMs: 300,
    logger: createLogger('silent'),
  })
}

test('each way a relay answers is a view saying so, and none fails the check', async () => {
  const indigo = await fakeRelay((url) => {
    const hostname = url.searchParams.get('hostname')
    if (url.pathname.endsWith('getHostStatus')) {
      if (hostname === 'pds.example') return { status: 200, body: { hostname, seq: 95, status: 'active' } }
      return { status: 404, body: { error: 'HostNotFound', message: 'host not found' } }
    }
    // listHosts, in two pages: our host is on the second.
    if (url.searchParams.get('cursor') === null) {
      return { status: 200, body: { hosts: [{ hostname: 'other.example', accountCount: 5 }], cursor: 'p2' } }
    }
    return { status: 200, body: { hosts: [{ hostname: 'pds.example', accountCount: 6, seq: 95 }] } }
  })
  const broken = await fakeRelay((url) =>
    url.searchParams.get('hostname') === 'pds.example'
      ? { status: 500, body: { error: 'DatabaseError', message: 'looking up host information' } }
      : { status: 400, body: { error: 'HostNotFound' } },
  )
  const slow = await fakeRelay(() => 'hang')
  const m = monitor([indigo.url, broken.url, slow.url], {
    crawls: [
      { relay: indigo.url, status: 'accepted', hostname: 'pds.example' },
      { relay: indigo.url, status: 'failing', hostname: 'pds-two.example' },
      // An announcer that names no host asked for the service host.
      { relay: broken.url, status: 'gave up' },
    ],
  })
  try {
    const [service, two] = await m.status()
    assert.deepEqual(
      service?.relays.map(({ checkedAt, ...v }) => v),
      [
        {
          relay: indigo.url,
          reachable: true,
          status: 'active',
          accountCount: 6,
          seq: 95,
          behind: 5,
          crawl: 'accepted',
        },
        {
          relay: broken.url,
          reachable: true,
          error: 'HTTP 500: DatabaseError: looking up host information',
          behind: undefined,
          crawl: 'gave up',
        },
        { relay: slow.url, reachable: false, error: service?.relays[2]?.error, behind: undefined, crawl: undefined },
      ],
    )
    assert.match(String(service?.relays[2]?.error), /timeout/i)
    assert.deepEqual(
      { ...service, relays: undefined },
      {
        hostname: 'pds.example',
        domains: ['one.example'],
        accounts: 7,
        seq: 100,
        eventsPerSecond: undefined,
        relays: undefined,
      },
    )
    assert.equal(two?.eventsPerSecond, 50)
    assert.deepEqual(
      two?.relays.map((r) => [r.reachable, r.status, r.crawl]),
      [
        [true, 'unknown', 'failing'],
        [true, 'unknown', undefined],
        [false, undefined, undefined],
      ],
    )
    // listHosts was read only for the host the relay knows, and only until it was found.
    assert.deepEqual(
      indigo.asked.filter((a) => a.startsWith('com.atproto.sync.listHosts')),
      ['com.atproto.sync.listHosts?limit=1000', 'com.atproto.sync.listHosts?limit=1000&cursor=p2'],
    )
  } finally {
    await m.stop()
    await Promise.all([indigo.close(), broken.close(), slow.close()])
  }
})

test('on its interval the monitor checks on its own, and keeps the views for the metrics', async () => {
  let seq = 10
  const relay = await fakeRelay((url) => ({
    status: 200,
    body: { hostname: url.searchParams.get('hostname'), seq: seq++, accountCount: 1, status: 'active' },
  }))
  const m = monitor([relay.url], { intervalMs: 20 })
  try {
    assert.deepEqual(m.latest(), [])
    await m.start()
    await until(() => (m.latest()[0]?.relays[0]?.seq ?? 0) > 10, 'a check past seq 10')
    const checks = relay.asked.length
    // It goes on asking, each check after the last.
    await until(() => relay.asked.length > checks + 2, 'checks of its own')
    assert.deepEqual(
      m.latest().map((h) => h.relays[0]?.status),
      ['active', 'active'],
    )
  } finally {
    await m.stop()
    await relay.close()
  }
})
