// Why a domain is its own PDS host: relays count accounts per host. Two
// indigo-like stand-in relays take N accounts per host. With three domains
// of N accounts each on the one service host, only N of the 3·N reach them;
// once each domain is its own host, all 3·N do, each on its domain's host and
// at the rev we hold, and a post written afterwards reaches them too.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loopbackHost, type StandinRelay, startStandinRelay } from '../helpers/standin-relay.js'
import { until } from '../helpers/until.js'
import { xrpc } from '../helpers/xrpc.js'
import { post } from '../repo/helpers.js'

/** How the waits below poll: some ask the server over HTTP. */
const POLL = { timeoutMs: 30_000, everyMs: 50 }

/** Accounts each relay takes per host. */
const N = 3
const DOMAINS = ['quota-one.test', 'quota-two.test', 'quota-three.test']

let plc: TestPlc
let relays: StandinRelay[]
let t: TestServer
/** Every account, with the domain it is in. */
const accounts: { did: string; handle: string; domain: string; password: string }[] = []

before(async () => {
  plc = await startPlc()
  relays = [
    await startStandinRelay({ plcUrl: plc.url, connect: loopbackHost, accountLimit: N }),
    await startStandinRelay({ plcUrl: plc.url, connect: loopbackHost, accountLimit: N }),
  ]
  t = await startTestServer({
    localhostUrl: true,
    config: {
      plcEndpoint: plc.url,
      relays: relays.map((r) => r.url),
      relayRetry: { attempts: 0, initialDelayMs: 20, maxDelayMs: 200 },
      relayCheck: { intervalSeconds: 0, timeoutMs: 2000 },
    },
  })
})
after(async () => {
  await t?.close()
  for (const r of relays ?? []) await r.close()
  await plc?.close()
})

/** Our head, once every event written so far is sequenced. */
async function head(): Promise<number> {
  await t.ctx.sequencer.idle()
  return t.ctx.tail.catchUp()
}

async function revOf(did: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body as { rev: string }).rev
}

test('on one shared host a relay takes N accounts; with a host per domain it takes all 3·N', async () => {
  const serviceHostname = t.ctx.pdsHosts.serviceHostname
  await until(
    () => relays.every((r) => r.hostsSeen().includes(serviceHostname)),
    'both relays crawling the service host',
    POLL,
  )
  for (const domain of DOMAINS) {
    const { owner } = await addDomain(t, domain)
    accounts.push({ ...owner, domain })
    for (let i = 1; i < N; i++) accounts.push({ ...(await createAccount(t, `user${i}.${domain}`)), domain })
  }
  assert.equal(accounts.length, 3 * N)

  // Shared: the relays have read everything we sequenced, and took N of the 3·N.
  const shared = await head()
  await until(
    () => relays.every((r) => (r.host(serviceHostname)?.seq ?? 0) >= shared),
    'the relays reading the service host to our head',
    POLL,
  )
  for (const r of relays) {
    const ours = [...r.accounts().values()].filter((a) => accounts.some((b) => b.did === a.did))
    assert.equal(ours.length, N, 'a shared host gets N accounts through')
    assert.equal(r.host(serviceHostname)?.status, 'throttled')
    assert.ok(r.drops.overLimit > 0, 'the others were refused for the limit')
  }

  // A host per domain.
  for (const domain of DOMAINS) {
    const res = await xrpc(t.url, 'host.primal.pds.updateDomain', {
      auth: t.adminKey,
      body: { domain, pdsHostname: `pds.${domain}` },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  await until(
    async () => {
      const res = await xrpc(t.url, 'host.primal.pds.listDomains', { auth: t.adminKey })
      const views = (res.body as { domains: { name: string; hostAccountsPending?: number }[] }).domains
      return DOMAINS.every((d) => views.find((v) => v.name === d)?.hostAccountsPending === 0)
    },
    'every account on its domain host',
    { ...POLL, timeoutMs: 60_000 },
  )
  const port = new URL(t.url).port
  const hostOf = (domain: string) => `pds.${domain}:${port}`
  for (const a of accounts) {
    const endpoint = (await plc.data(a.did))?.services.atproto_pds?.endpoint
    assert.equal(endpoint, `http://${hostOf(a.domain)}`, `${a.handle}'s DID document names its domain's host`)
  }
  const reached = async () => {
    for (const r of relays) {
      for (const a of accounts) {
        const seen = r.accounts().get(a.did)
        if (seen?.host !== hostOf(a.domain) || seen.rev !== (await revOf(a.did))) return false
      }
    }
    return true
  }
  await until(reached, 'all 3·N accounts at both relays, on their hosts, at our rev', POLL)
  for (const r of relays) {
    for (const domain of DOMAINS) {
      assert.equal(r.host(hostOf(domain))?.accountCount, N, `${domain}'s host has its N accounts`)
      assert.equal(r.host(hostOf(domain))?.status, 'active')
    }
  }

  // A post written now reaches both relays from its domain's host.
  const last = accounts.at(-1) as (typeof accounts)[number]
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: last.handle, password: last.password })
  const written = await agent.com.atproto.repo.createRecord({
    repo: last.did,
    collection: 'app.bsky.feed.post',
    record: post('after the move'),
  })
  await until(
    () => relays.every((r) => r.accounts().get(last.did)?.rev === written.data.commit?.rev),
    'the post at both relays',
    POLL,
  )

  // The operator's view agrees: the account on its domain's host, known and in sync at both relays…
  const one = await xrpc(t.url, 'host.primal.pds.getRelayStatus', { auth: t.adminKey, params: { did: last.did } })
  assert.equal(one.status, 200, JSON.stringify(one.body))
  const account = (one.body as { account: { hostname: string; relays: { known: boolean; inSync?: boolean }[] } })
    .account
  assert.equal(account.hostname, hostOf(last.domain))
  assert.deepEqual(
    account.relays.map((r) => [r.known, r.inSync]),
    [
      [true, true],
      [true, true],
    ],
  )
  // …and every domain host active at each relay, with its accounts.
  const status = await xrpc(t.url, 'host.primal.pds.getRelayStatus', { auth: t.adminKey, params: { refresh: 'true' } })
  assert.equal(status.status, 200, JSON.stringify(status.body))
  const hosts = (status.body as { hosts: { hostname: string; accounts: number; relays: { status?: string }[] }[] })
    .hosts
  for (const domain of DOMAINS) {
    const view = hosts.find((h) => h.hostname === hostOf(domain))
    assert.equal(view?.accounts, N)
    assert.deepEqual(
      view?.relays.map((r) => r.status),
      ['active', 'active'],
    )
  }
})
