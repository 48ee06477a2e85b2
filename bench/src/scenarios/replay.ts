// Replay: one subscriber from cursor=0 reads the whole event history, up to
// the frame of the last write the bench made.
import WebSocket from 'ws'
import type { ScenarioResult } from '../stats.js'
import { createPost } from '../xrpc.js'
import { cpuPerOp, type World } from './load.js'
import { commitKey, subscribeUrl } from './subscriber.js'

const TIMEOUT_MS = 300_000

export async function replay(world: World): Promise<ScenarioResult> {
  const { target } = world
  let last = world.lastWrite
  if (!last) {
    const account = await target.createAccount('replayer', 3)
    const out = await createPost(target.url, account.did, account.accessJwt, 'replay end marker')
    last = { did: account.did, rev: out.commit.rev }
  }
  const key = `${last.did} ${last.rev}`
  const rev = Buffer.from(last.rev)
  const before = await target.sampleCpu()
  const t0 = performance.now()
  let events = 0
  let bytes = 0
  await new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(subscribeUrl(target.url, 0), { perMessageDeflate: false })
    const timer = setTimeout(() => finish(new Error(`replay: no frame for ${key} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
    const finish = (err?: Error) => {
      clearTimeout(timer)
      ws.terminate()
      if (err) reject(err)
      else resolve()
    }
    ws.on('message', (data: Buffer) => {
      events++
      bytes += data.byteLength
      // A byte search first: decoding every frame would measure the client, not the server.
      if (data.includes(rev) && commitKey(data) === key) finish()
    })
    ws.on('error', (err) => finish(err))
    ws.on('close', (code, reason) => finish(new Error(`replay: stream closed (${code} ${reason.toString()})`)))
  })
  const seconds = (performance.now() - t0) / 1000
  const after = await target.sampleCpu()
  return {
    scenario: 'replay',
    title: 'replay from cursor=0',
    ops: events,
    seconds,
    throughput: events / seconds,
    cpuMsPerOp: cpuPerOp(after.server - before.server, target.dbCpuDelta(before, after), events),
    errors: 0,
    extras: [
      { key: 'events', label: 'events replayed', unit: '', value: events, better: 'none' },
      {
        key: 'mbPerSecond',
        label: 'replay bandwidth',
        unit: 'MB/s',
        value: bytes / seconds / 1024 / 1024,
        better: 'higher',
      },
    ],
  }
}
