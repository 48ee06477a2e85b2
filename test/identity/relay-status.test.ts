// How the relays see our PDS hosts (host.primal.pds.getRelayStatus), against
// a stand-in relay that keeps indigo's books: a host over the relay's account
// limit shows throttled and its account past the limit unknown to the relay;
// a relay that is down shows unreachable with its error, never a 500; the
// last check answers until refresh asks again; and the stand-in takes an
// account only from the host its DID document names.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import { WebSocketServer } from 'ws'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loopbackHost, type StandinRelay, startStandinRelay } from '../helpers/standin-relay.js'
import { until } from '../helpers/until.js'
import { unusedLocalUrl, xrpc } from '../helpers/xrpc.js'

let plc: TestPlc
let relay: StandinRelay
let downRelay: string
let t: TestServer
let owner: { did: string }
let alice: { did: string }
let bob: { did: string }
let serviceHostname: string
let otherHostname: string

before(async () => {
  plc = await startPlc()
  relay = await startStandinRelay({ plcUrl: plc.url, connect: loopbackHost, accountLimit: 2 })
  downRelay = await unusedLocalUrl()
  t = await startTestServer({
    localhostUrl: true,
    config: {
      plcEndpoint: plc.url,
      relays: [relay.url, downRelay],
      relayRetry: { attempts: 0, initialDelayMs: 20, maxDelayMs: 200 },
      relayCheck: { intervalSeconds: 0, timeoutMs: 2000 },
    },
  })
  serviceHostname = t.ctx.pdsHosts.serviceHostname
  // Three accounts on the service host, in this order: the relay takes the first two.
  owner = (await addDomain(t, 'one.test')).owner
  alice = await createAccount(t, 'alice.one.test')
  bob = await createAccount(t, 'bob.one.test')
  // A second domain on a host of its own, set straight in the registry (with its owner moved there).
  const two = (await addDomain(t, 'two.test')).owner
  await t.ctx.registry.setPdsHostname('two.test', 'pds-two.test')
  assert.equal(await t.ctx.registry.setHomeHost(two.did, 'two.test', 'pds-two.test'), true)
  t.ctx.pdsHosts.forget()
  otherHostname = `pds-two.test:${new URL(t.url).port}`
  // Every event written so far is in the firehose (the sweep drains every outbox), and the relay has read it.
  await until(() => t.ctx.sequencer.leading, 'this process to sequence')
  await t.ctx.sequencer.sweep()
  // The service host's own head: its stream carries only its accounts' events.
  const [service] = await t.ctx.storage.managementReader.firehose.hostHeads([null])
  const head = service?.seq ?? 0
  assert.ok(head > 0)
  await until(() => (relay.host(serviceHostname)?.seq ?? 0) >= head, 'the relay to read the firehose')
})

after(async () => {
  await t?.close()
  await relay?.close()
  await plc?.close()
})

type RelayViewBody = {
  relay: string
  reachable: boolean
  status?: string
  accountCount?: number
  seq?: number
  behind?: number
  crawl?: string
  error?: string
}
type HostBody = { hostname: string; domains: string[]; accounts: number; seq: number; relays: RelayViewBody[] }
type AccountBody = {
  did: string
  hostname: string
  active: boolean
  rev?: string
  relays: { relay: string; reachable: boolean; known: boolean; rev?: string; inSync?: boolean; error?: string }[]
}

async function relayStatus(params: Record<string, string> = {}) {
  const res = await xrpc(t.url, 'host.primal.pds.getRelayStatus', { auth: t.adminKey, params })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { hosts: HostBody[]; account?: AccountBody }
}

test('a host past the relay account limit is throttled, and its account past the limit is unknown to the relay', async () => {
  assert.deepEqual(
    [...relay.accounts().keys()].sort(),
    [owner.did, alice.did].sort(),
    'the relay took the first two accounts',
  )
  assert.equal(relay.drops.overLimit > 0, true)

  const { hosts } = await relayStatus({ refresh: 'true' })
  assert.deepEqual(
    hosts.map((h) => h.hostname),
    [serviceHostname, otherHostname],
  )
  const [service, other] = hosts as [HostBody, HostBody]
  assert.deepEqual(service.domains, ['one.test'])
  assert.equal(service.accounts, 3)
  const ourSeq = service.seq
  assert.ok(ourSeq > 0)
  const [standin, down] = service.relays as [RelayViewBody, RelayViewBody]
  assert.equal(standin.relay, relay.url)
  assert.equal(standin.reachable, true)
  assert.equal(standin.status, 'throttled')
  assert.equal(standin.accountCount, 2)
  assert.equal(standin.seq, relay.host(serviceHostname)?.seq)
  assert.equal(standin.behind, Math.max(0, ourSeq - (standin.seq ?? 0)))
  assert.equal(standin.crawl, 'accepted')

  // The down relay is a view with its error, not a failure of the call.
  assert.equal(down.relay, downRelay)
  assert.equal(down.reachable, false)
  assert.match(String(down.error), /ECONNREFUSED/)
  assert.equal(down.status, undefined)

  // The domain's own host was never crawled by the relay: it does not know it.
  assert.deepEqual(other.domains, ['two.test'])
  assert.equal(other.accounts, 1)
  assert.equal(other.relays[0]?.status, 'unknown')
  assert.equal(other.relays[0]?.reachable, true)
  assert.equal(other.relays[1]?.reachable, false)

  // The same, as the metrics report it after the check.
  const metrics = await t.ctx.metrics.render()
  const labels = `relay="${relay.url}",hostname="${serviceHostname}"`
  assert.match(metrics, new RegExp(`primal_pds_relay_host_status\\{${esc(labels)},status="throttled"\\} 1\\n`))
  assert.match(metrics, new RegExp(`primal_pds_relay_host_status\\{${esc(labels)},status="active"\\} 0\\n`))
  assert.match(metrics, new RegExp(`primal_pds_relay_host_accounts\\{${esc(labels)},counted_by="relay"\\} 2\\n`))
  assert.match(metrics, new RegExp(`primal_pds_relay_host_accounts\\{${esc(labels)},counted_by="us"\\} 3\\n`))
  assert.match(metrics, new RegExp(`primal_pds_relay_host_seq_lag\\{${esc(labels)}\\} ${standin.behind}\\n`))
  assert.match(
    metrics,
    new RegExp(
      `primal_pds_relay_host_status\\{relay="${esc(downRelay)}",hostname="${esc(serviceHostname)}",status="unreachable"\\} 1\\n`,
    ),
  )
})

test('with a did, each relay is asked of the account now, against our rev', async () => {
  const refused = (await relayStatus({ did: bob.did })).account as AccountBody
  assert.equal(refused.did, bob.did)
  assert.equal(refused.hostname, serviceHostname)
  assert.equal(refused.active, true)
  assert.match(String(refused.rev), /^[a-z2-7]{13}$/)
  assert.equal(refused.relays[0]?.reachable, true)
  assert.equal(refused.relays[0]?.known, false)
  assert.equal(refused.relays[1]?.reachable, false)
  assert.match(String(refused.relays[1]?.error), /ECONNREFUSED/)

  const taken = (await relayStatus({ did: alice.did })).account as AccountBody
  const ourRev = (await t.ctx.repoReads.root(await t.ctx.accounts.findRepo(alice.did))).rev
  assert.equal(taken.rev, ourRev)
  assert.equal(taken.relays[0]?.known, true)
  assert.equal(taken.relays[0]?.rev, ourRev)
  assert.equal(taken.relays[0]?.inSync, true)
})

test('without refresh the last check answers for the relays, while our side is read now; refresh asks again', async () => {
  const checked = (await relayStatus({ refresh: 'true' })).hosts[0] as HostBody
  const relaySeq = checked.relays[0]?.seq as number
  // New events on the service host (an account past the limit: the relay drops them, but reads their seqs).
  await createAccount(t, 'carol.one.test')
  await t.ctx.sequencer.sweep()
  const cached = (await relayStatus()).hosts[0] as HostBody
  assert.ok(cached.seq > relaySeq)
  await until(() => (relay.host(serviceHostname)?.seq ?? 0) >= cached.seq, 'the relay to read the new events')
  assert.equal(cached.accounts, 4)
  assert.equal(cached.relays[0]?.seq, relaySeq)
  assert.equal(cached.relays[0]?.behind, cached.seq - relaySeq)

  const fresh = (await relayStatus({ refresh: 'true' })).hosts[0] as HostBody
  assert.equal(fresh.relays[0]?.seq, fresh.seq)
  assert.equal(fresh.relays[0]?.behind, 0)
  assert.equal(fresh.relays[0]?.accountCount, 2)
})

test('getRelayStatus is for the admin key only, and names an account it has', async () => {
  const anonymous = await xrpc(t.url, 'host.primal.pds.getRelayStatus')
  assert.equal(anonymous.status, 401)
  const unknown = await xrpc(t.url, 'host.primal.pds.getRelayStatus', {
    auth: t.adminKey,
    params: { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa' },
  })
  assert.equal(unknown.status, 400)
  assert.equal(unknown.body.error, 'RepoNotFound')
  const bad = await xrpc(t.url, 'host.primal.pds.getRelayStatus', { auth: t.adminKey, params: { did: 'nope' } })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error, 'InvalidRequest')
})

test('the stand-in relay drops an event whose DID document names another host, and takes it once it names this one', async () => {
  const docs = new Map<string, string>()
  const fakePlc = await serve((req, res) => {
    const endpoint = docs.get(decodeURIComponent((req.url ?? '/').slice(1)))
    if (!endpoint) return void res.writeHead(404).end()
    const service = [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: endpoint }]
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ service }))
  })
  const fakeHost = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ did: 'did:web:pds-a.test' }))
  })
  // The host's firehose: each frame a test pushes goes to every subscriber.
  const streams = new WebSocketServer({ server: fakeHost.server })
  const send = (seq: number, did: string) => {
    const frame = Buffer.concat([
      dagCbor.encode({ op: 1, t: '#identity' }),
      dagCbor.encode({ seq, did, time: new Date().toISOString() }),
    ])
    for (const ws of streams.clients) ws.send(frame)
  }
  const upgrades: string[] = []
  streams.on('connection', (_ws, req) => upgrades.push(String(req.url)))
  const hostname = `pds-a.test:${fakeHost.port}`
  const nothingListens = Number(new URL(await unusedLocalUrl()).port)
  const standin = await startStandinRelay({
    plcUrl: fakePlc.url,
    connect: (name) =>
      name === 'down.test' ? { port: nothingListens, hostHeader: name } : { port: fakeHost.port, hostHeader: hostname },
  })
  try {
    docs.set('did:plc:ours', `http://${hostname}`)
    docs.set('did:plc:elsewhere', 'https://pds-b.test')
    const crawl = await xrpc(standin.url, 'com.atproto.sync.requestCrawl', { body: { hostname } })
    assert.equal(crawl.status, 200)
    assert.deepEqual(standin.hostsSeen(), [hostname])
    send(1, 'did:plc:ours')
    send(2, 'did:plc:elsewhere')
    send(3, 'did:plc:unpublished')
    await until(() => standin.host(hostname)?.seq === 3, 'the three events')
    await until(() => standin.drops.wrongHost + standin.drops.unresolved === 2, 'two drops')
    assert.deepEqual([...standin.accounts().keys()], ['did:plc:ours'])
    assert.deepEqual(standin.drops, { wrongHost: 1, unresolved: 1, overLimit: 0 })
    const elsewhere = await xrpc(standin.url, 'com.atproto.sync.getRepoStatus', {
      params: { did: 'did:plc:elsewhere' },
    })
    assert.equal(elsewhere.status, 404)
    assert.equal(elsewhere.body.error, 'RepoNotFound')

    // Its document names this host now: its next event is taken.
    docs.set('did:plc:elsewhere', `http://${hostname}`)
    send(4, 'did:plc:elsewhere')
    await until(() => standin.accounts().has('did:plc:elsewhere'), 'the account to be taken')
    const status = await xrpc(standin.url, 'com.atproto.sync.getHostStatus', { params: { hostname } })
    assert.deepEqual(status.body, { hostname, seq: 4, accountCount: 2, status: 'active' })
    const unknownHost = await xrpc(standin.url, 'com.atproto.sync.getHostStatus', { params: { hostname: 'x.test' } })
    assert.equal(unknownHost.status, 404)
    assert.equal(unknownHost.body.error, 'HostNotFound')

    // The host drops the stream: the relay subscribes again from the last seq it saw, and reads on.
    for (const ws of streams.clients) ws.terminate()
    await until(() => upgrades.length === 2 && standin.host(hostname)?.status === 'active', 'a new subscription')
    assert.deepEqual(upgrades, [
      '/xrpc/com.atproto.sync.subscribeRepos',
      '/xrpc/com.atproto.sync.subscribeRepos?cursor=4',
    ])
    send(5, 'did:plc:ours')
    await until(() => standin.host(hostname)?.seq === 5, 'the event after the new subscription')

    // A host that does not answer describeServer is not crawled.
    const down = await xrpc(standin.url, 'com.atproto.sync.requestCrawl', { body: { hostname: 'down.test' } })
    assert.equal(down.status, 400)
    assert.equal(down.body.error, 'HostNotFound')
    assert.deepEqual(standin.hostsSeen(), [hostname])
  } finally {
    await standin.close()
    streams.close()
    await fakeHost.close()
    await fakePlc.close()
  }
})

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
