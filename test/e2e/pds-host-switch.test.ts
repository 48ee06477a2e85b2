// A domain moved to a PDS host of its own and back while its accounts (and
// another domain's) keep writing: each host's stream is strictly increasing,
// the two streams together carry every event of the firehose exactly once,
// a relay-style verifying consumer following both ends with a copy of every
// repo equal to what getRepo serves, and every DID document names the right
// endpoint at each end.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { addDomain } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loopbackHost, type StandinRelay, startStandinRelay } from '../helpers/standin-relay.js'
import { until } from '../helpers/until.js'
import { xrpc } from '../helpers/xrpc.js'
import { carBytes, loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient, type Frame } from '../sync/helpers.js'
import { applyCommit, applySync, type RepoCopy } from '../sync/relay.js'

let plc: TestPlc
let relay: StandinRelay
let t: TestServer
let port: string

before(async () => {
  plc = await startPlc()
  // An indigo-like relay reading each host apart, as a relay does: it takes an account's events only from the host its DID document names.
  relay = await startStandinRelay({
    plcUrl: plc.url,
    connect: loopbackHost,
  })
  t = await startTestServer({
    localhostUrl: true,
    config: {
      plcEndpoint: plc.url,
      relays: [relay.url],
      relayRetry: { attempts: 0, initialDelayMs: 20, maxDelayMs: 200 },
    },
  })
  port = new URL(t.url).port
  await addDomain(t, 'moving.test')
  await addDomain(t, 'staying.test')
})
after(async () => {
  await t?.close()
  await relay?.close()
  await plc?.close()
})

type DomainView = { name: string; pdsHostname?: string; hostAccountsPending?: number }

async function setHost(domain: string, pdsHostname: string): Promise<void> {
  const res = await xrpc(t.url, 'host.primal.pds.updateDomain', { auth: t.adminKey, body: { domain, pdsHostname } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

/** Polls listDomains until every account of `domain` is on its host (what an operator watches). */
async function switched(domain: string, pdsHostname: string | undefined): Promise<void> {
  let view: DomainView | undefined
  await until(
    async () => {
      const res = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: t.adminKey })
      view = (res.body as { domains: DomainView[] }).domains.find((d) => d.name === domain)
      return view?.pdsHostname === pdsHostname && view?.hostAccountsPending === 0
    },
    () => `${domain} to have no account left to move: ${JSON.stringify(view)}`,
    { timeoutMs: 60_000, everyMs: 100 },
  )
}

async function endpointOf(did: string): Promise<string | undefined> {
  return (await plc.data(did))?.services.atproto_pds?.endpoint
}

test('switching a domain to its own host and back while writing loses and repeats no event', async () => {
  const hostname = `pds.moving.test:${port}`
  const service = new FirehoseClient(t.url, 0)
  await service.opened()
  const accounts: TestAccount[] = []
  for (const h of ['ada.moving.test', 'bea.moving.test', 'cyd.staying.test', 'dia.staying.test']) {
    accounts.push(await loggedInAccount(t, h))
  }
  const moving = accounts.filter((a) => a.handle.endsWith('.moving.test'))
  let writing = true
  const written = new Map<string, number>()
  const writers = accounts.map(async (a, w) => {
    for (let i = 0; writing; i++) {
      await a.agent.com.atproto.repo.createRecord({
        repo: a.did,
        collection: 'app.bsky.feed.post',
        record: post(`${w}/${i}`),
      })
      written.set(a.did, i + 1)
    }
  })

  await setHost('moving.test', 'pds.moving.test')
  // Its stream exists once the host is set; from cursor 0 it has everything stamped with the host so far.
  const own = new FirehoseClient(t.url, 0, { host: hostname })
  await own.opened()
  await switched('moving.test', 'pds.moving.test')
  for (const a of moving) assert.equal(await endpointOf(a.did), `http://${hostname}`, `${a.handle} names its host`)
  const owner = (await t.ctx.registry.findHome('handle', 'admin.moving.test'))?.did as string
  assert.equal(await endpointOf(owner), `http://${hostname}`, 'the owner moved too')
  // Some writes on the new host before going back.
  const mark = new Map(written)
  while (moving.some((a) => (written.get(a.did) ?? 0) < (mark.get(a.did) ?? 0) + 3)) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await setHost('moving.test', '')
  await switched('moving.test', undefined)
  writing = false
  await Promise.all(writers)
  await t.ctx.sequencer.idle()
  const head = await t.ctx.tail.catchUp()
  // Every seq is on one of the two streams: wait until they hold `head` events between them.
  const held = () => service.messages().length + own.messages().length
  await until(
    () => held() >= head,
    () => `the streams to hold ${head} events (they hold ${held()})`,
    {
      timeoutMs: 30_000,
      everyMs: 20,
    },
  )

  const streams = { service: service.messages(), own: own.messages() }
  for (const [name, frames] of Object.entries(streams)) {
    const seqs = frames.map((f) => f.body.seq as number)
    assert.ok(
      seqs.every((s, i) => i === 0 || s > (seqs[i - 1] as number)),
      `${name}: strictly increasing`,
    )
  }
  assert.ok(streams.own.length > 0, 'the host carried events')
  assert.ok(
    streams.own.every((f) => moving.some((a) => a.did === repoOf(f)) || repoOf(f) === owner),
    "the host's stream carries only its domain's accounts",
  )
  const all = [...streams.service, ...streams.own].map((f) => f.body.seq as number).sort((a, b) => a - b)
  assert.deepEqual(
    all,
    Array.from({ length: head }, (_, i) => i + 1),
    'together the streams carry every seq once',
  )

  // The relay's view of both streams, merged by seq: every commit verified, every #sync taken.
  const keys = new Map(accounts.map((a) => [a.did, a.signingKey]))
  const copies = new Map<string, RepoCopy>()
  const merged = [...streams.service, ...streams.own].sort((a, b) => (a.body.seq as number) - (b.body.seq as number))
  for (const frame of merged) {
    const key = keys.get(repoOf(frame))
    if (!key) continue
    if (frame.header.t === '#commit') await applyCommit(copies, frame, key)
    if (frame.header.t === '#sync') await applySync(copies, frame, [key])
  }
  for (const a of accounts) {
    const copy = copies.get(a.did)
    assert.ok(copy, `a copy of ${a.handle}`)
    const served = await verifyRepoCar(
      await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${a.did}`)),
      a.did,
      a.signingKey,
    )
    const mine = (await copy.repo.data.list()).map((l) => `${l.key} ${l.value}`).sort()
    const theirs = served.creates.map((c) => `${c.collection}/${c.rkey} ${c.cid}`).sort()
    assert.deepEqual(mine, theirs, `${a.handle}: the copy holds what getRepo serves`)
    const latest = await a.agent.com.atproto.sync.getLatestCommit({ did: a.did })
    assert.equal(copy.rev, latest.data.rev, `${a.handle}: the copy is at getLatestCommit's rev`)
    assert.equal(copy.repo.cid.toString(), latest.data.cid, `${a.handle}: the copy is at getLatestCommit's commit`)
    assert.equal(await endpointOf(a.did), t.url, `${a.handle} names the service host again`)
  }
  // The relay, reading the two hosts apart, ends with every account on the service host at our rev.
  const serviceHostname = new URL(t.url).host
  assert.ok(relay.hostsSeen().includes(hostname), 'the relay was asked to crawl the new host')
  const atOurRev = async () => {
    for (const a of accounts) {
      const seen = relay.accounts().get(a.did)
      const latest = await a.agent.com.atproto.sync.getLatestCommit({ did: a.did })
      if (seen?.host !== serviceHostname || seen.rev !== latest.data.rev) return false
    }
    return true
  }
  await until(atOurRev, () => `the relay at our revs (it holds ${JSON.stringify([...relay.accounts().values()])})`, {
    timeoutMs: 30_000,
    everyMs: 50,
  })
  service.close()
  own.close()
})

function repoOf(f: Frame): string {
  return (f.body.repo ?? f.body.did) as string
}
