// Firehose fan-out: live subscribers while 8 writers write, each commit
// timed from the write's acknowledgement to its frame at every subscriber;
// then single writes after 1.5 s of quiet, when a stream may have gone idle.
import { latency, median, type ScenarioResult } from '../stats.js'
import type { Account } from '../targets.js'
import { createPost } from '../xrpc.js'
import { assertNoErrors, cpuPerOp, createAccounts, runLoad, type World } from './load.js'
import { Subscriber, subscribeUrl, waitForDelivery } from './subscriber.js'

const WRITERS = 8
const IDLE_MS = 1500
/** How long frames may trail the last acknowledged write before they count as missed. */
const DELIVERY_TIMEOUT_MS = 15_000

type Delivery = { latencies: number[]; missed: number; early: number }

/** Per subscriber and commit: receive time minus acknowledgement (a frame may beat the HTTP answer: 0). */
function deliveries(subs: Subscriber[], acks: Map<string, number>): Delivery {
  const out: Delivery = { latencies: [], missed: 0, early: 0 }
  for (const s of subs) {
    for (const [key, ack] of acks) {
      const recv = s.received.get(key)
      if (recv === undefined) {
        out.missed++
        continue
      }
      if (recv < ack) out.early++
      out.latencies.push(Math.max(0, recv - ack))
    }
  }
  return out
}

export async function firehose(world: World): Promise<ScenarioResult> {
  const { target, sizes } = world
  const writers = await createAccounts(target, 'firehose', WRITERS)
  const subs = await Promise.all(
    Array.from({ length: sizes.firehoseSubscribers }, () => Subscriber.open(subscribeUrl(target.url))),
  )
  try {
    const acks = new Map<string, number>()
    const write = async (account: Account, text: string) => {
      const out = await createPost(target.url, account.did, account.accessJwt, text)
      const ack = performance.now()
      const key = `${account.did} ${out.commit.rev}`
      acks.set(key, ack)
      world.lastWrite = { did: account.did, rev: out.commit.rev }
      return { key, ack }
    }
    const baseline = subs.map((s) => s.frames.length)
    const run = await runLoad(target, sizes.firehoseWrites, WRITERS, (i, w) =>
      write(writers[w] as Account, `firehose ${i}`),
    )
    assertNoErrors('firehose', run)
    await waitForDelivery(subs, [...acks.keys()], baseline, DELIVERY_TIMEOUT_MS)
    const fanOut = deliveries(subs, acks)

    // Fan-out figures are taken first: the idle rounds' writes go into `acks` too.
    const idle = await idleRounds(subs, sizes.idleRounds, (i) => write(writers[0] as Account, `after idle ${i}`))
    const missed = fanOut.missed + idle.missed
    const ackLatency = latency(run.latencies)
    const deliveryLatency = latency(fanOut.latencies)
    return {
      scenario: 'firehose',
      title: `firehose: ${subs.length} subscribers, ${WRITERS} writers, ${sizes.firehoseWrites} writes`,
      ops: run.ops,
      seconds: run.seconds,
      throughput: run.latencies.length / run.seconds,
      latencyMs: deliveryLatency,
      cpuMsPerOp: cpuPerOp(run.cpuServer, run.cpuDb, run.ops),
      errors: run.errors,
      extras: [
        { key: 'deliveryMax', label: 'delivery latency max', unit: 'ms', value: deliveryLatency.max, better: 'lower' },
        { key: 'missed', label: 'missed events (all subscribers)', unit: '', value: missed, better: 'lower' },
        {
          key: 'duplicates',
          label: 'duplicate events',
          unit: '',
          value: subs.reduce((n, s) => n + s.duplicates, 0),
          better: 'lower',
        },
        {
          key: 'dropped',
          label: 'subscribers dropped',
          unit: '',
          value: subs.filter((s) => s.closedEarly).length,
          better: 'lower',
        },
        {
          key: 'clientCpu',
          label: 'bench client CPU while writing',
          unit: '% of a core',
          value: run.clientCpuPct,
          better: 'none',
        },
        { key: 'early', label: 'frames before the write was acked', unit: '', value: fanOut.early, better: 'none' },
        { key: 'ackP50', label: 'write ack latency p50', unit: 'ms', value: ackLatency.p50, better: 'lower' },
        { key: 'ackP99', label: 'write ack latency p99', unit: 'ms', value: ackLatency.p99, better: 'lower' },
        {
          key: 'idleWorst',
          label: 'write after 1.5 s idle → all subs, worst',
          unit: 'ms',
          value: idle.worst,
          better: 'lower',
        },
        {
          key: 'idleMedian',
          label: 'write after 1.5 s idle → all subs, median',
          unit: 'ms',
          value: idle.median,
          better: 'lower',
        },
      ],
    }
  } finally {
    for (const s of subs) s.close()
  }
}

/**
 * Rounds of: no writes for 1.5 s, then one write; its latency is the time
 * until the last subscriber has the frame (a round some subscriber missed
 * counts its missed events and no latency).
 */
async function idleRounds(
  subs: Subscriber[],
  rounds: number,
  write: (round: number) => Promise<{ key: string; ack: number }>,
): Promise<{ worst: number | null; median: number | null; missed: number }> {
  const perRound: number[] = []
  let missed = 0
  for (let round = 0; round < rounds; round++) {
    // The quiet period is the condition under test, not a wait for something to happen.
    await new Promise((r) => setTimeout(r, IDLE_MS))
    const baseline = subs.map((s) => s.frames.length)
    const { key, ack } = await write(round)
    await waitForDelivery(subs, [key], baseline, DELIVERY_TIMEOUT_MS)
    const got = subs.map((s) => s.received.get(key))
    missed += got.filter((t) => t === undefined).length
    if (got.every((t) => t !== undefined)) perRound.push(Math.max(0, ...got.map((t) => (t as number) - ack)))
  }
  return {
    worst: perRound.length ? Math.max(...perRound) : null,
    median: perRound.length ? median(perRound) : null,
    missed,
  }
}
