// getRepo of a big repo: one account filled with applyWrites batches of 200
// (the official PDS's most), then its CAR fetched three times: time, bytes,
// and how far the server's memory rises while it answers.
import { sampleRss } from '../proc.js'
import { latency, MB, type ScenarioResult } from '../stats.js'
import { post, xrpc, xrpcBytes } from '../xrpc.js'
import type { World } from './load.js'
import { cpuPerOp } from './load.js'

const BATCH = 200
const FETCHES = 3

export async function getRepo(world: World): Promise<ScenarioResult> {
  const { target } = world
  const account = await target.createAccount('bigrepo', 2)
  const total = world.sizes.repoRecords
  const fillStart = performance.now()
  for (let done = 0; done < total; done += BATCH) {
    const writes = Array.from({ length: Math.min(BATCH, total - done) }, (_, i) => ({
      $type: 'com.atproto.repo.applyWrites#create',
      collection: 'app.bsky.feed.post',
      value: post(`big repo ${done + i}`),
    }))
    await xrpc(target.url, 'com.atproto.repo.applyWrites', {
      token: account.accessJwt,
      body: { repo: account.did, writes },
    })
  }
  const fillSeconds = (performance.now() - fillStart) / 1000

  const times: number[] = []
  let bytes = 0
  let growth = 0
  const before = await target.sampleCpu()
  for (let i = 0; i < FETCHES; i++) {
    const rssBefore = target.rss()
    const sampler = sampleRss(target.pid)
    const t0 = performance.now()
    bytes = await xrpcBytes(target.url, 'com.atproto.sync.getRepo', { did: account.did })
    times.push(performance.now() - t0)
    growth = Math.max(growth, sampler.stop() - rssBefore)
  }
  const after = await target.sampleCpu()
  const seconds = times.reduce((a, b) => a + b, 0) / 1000
  return {
    scenario: 'get-repo',
    title: `getRepo of a ${total.toLocaleString('en')}-record repo (${FETCHES} fetches)`,
    ops: FETCHES,
    seconds,
    latencyMs: latency(times),
    cpuMsPerOp: cpuPerOp(after.server - before.server, target.dbCpuDelta(before, after), FETCHES),
    errors: 0,
    extras: [
      { key: 'bytes', label: 'CAR size', unit: 'MB', value: bytes / MB, better: 'none' },
      { key: 'rssGrowth', label: 'server RSS growth (max)', unit: 'MB', value: growth / MB, better: 'lower' },
      {
        key: 'fillRate',
        label: 'fill via applyWrites',
        unit: 'records/s',
        value: total / fillSeconds,
        better: 'higher',
      },
    ],
  }
}
