// Runs N operations on W concurrent workers against a target and measures
// them: wall time, each operation's latency, and the CPU the server and its
// database spent meanwhile.
import { type Extra, latency, type ScenarioResult } from '../stats.js'
import type { Account, Target } from '../targets.js'

export type Sizes = {
  seqWrites: number
  concurrentWrites: number
  hotWrites: number
  reads: number
  repoRecords: number
  firehoseWrites: number
  firehoseSubscribers: number
  idleRounds: number
  tenants: number
}

export const FULL: Sizes = {
  seqWrites: 500,
  concurrentWrites: 2000,
  hotWrites: 1000,
  reads: 5000,
  repoRecords: 10_000,
  firehoseWrites: 1000,
  firehoseSubscribers: 50,
  idleRounds: 5,
  tenants: 100,
}

export const QUICK: Sizes = {
  seqWrites: 100,
  concurrentWrites: 320,
  hotWrites: 200,
  reads: 1000,
  repoRecords: 1000,
  firehoseWrites: 200,
  firehoseSubscribers: 50,
  idleRounds: 2,
  tenants: 10,
}

/** A record some earlier scenario wrote, for the read scenarios. */
export type WrittenRecord = { did: string; rkey: string }

/** What scenarios on one target share: accounts and records made by earlier ones. */
export type World = {
  target: Target
  sizes: Sizes
  records?: WrittenRecord[]
  /** The last write acknowledged: replay reads up to its frame. */
  lastWrite?: { did: string; rev: string }
}

export type Run = {
  ops: number
  latencies: number[]
  errors: number
  firstError?: string
  seconds: number
  cpuServer: number
  cpuDb: number
  /** The bench process's own CPU, as a share of one core: near 100% means the client, not the server, set the pace. */
  clientCpuPct: number
}

/** Operation i of `total` runs on worker `worker` (0..workers-1); workers take the next one as they finish. */
export async function runLoad(
  target: Target,
  total: number,
  workers: number,
  op: (i: number, worker: number) => Promise<unknown>,
): Promise<Run> {
  const latencies: number[] = []
  let errors = 0
  let firstError: string | undefined
  let next = 0
  const before = await target.sampleCpu()
  const start = performance.now()
  const client = process.cpuUsage()
  const worker = async (w: number) => {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now()
      try {
        await op(i, w)
        latencies.push(performance.now() - t0)
      } catch (err) {
        errors++
        firstError ??= err instanceof Error ? err.message : String(err)
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)))
  const seconds = (performance.now() - start) / 1000
  const { user, system } = process.cpuUsage(client)
  const after = await target.sampleCpu()
  return {
    ops: total,
    latencies,
    errors,
    firstError,
    seconds,
    cpuServer: after.server - before.server,
    cpuDb: target.dbCpuDelta(before, after),
    clientCpuPct: (user + system) / 1e4 / seconds,
  }
}

/** CPU milliseconds per operation from a run's totals. */
export function cpuPerOp(cpuServer: number, cpuDb: number, ops: number): ScenarioResult['cpuMsPerOp'] {
  const per = (s: number) => (ops > 0 ? (s * 1000) / ops : Number.NaN)
  return { server: per(cpuServer), db: per(cpuDb), total: per(cpuServer + cpuDb) }
}

export function loadResult(scenario: string, title: string, run: Run, extras: Extra[] = []): ScenarioResult {
  return {
    scenario,
    title,
    ops: run.ops,
    seconds: run.seconds,
    throughput: run.latencies.length / run.seconds,
    latencyMs: latency(run.latencies),
    cpuMsPerOp: cpuPerOp(run.cpuServer, run.cpuDb, run.ops),
    errors: run.errors,
    extras,
  }
}

/** Writes must all succeed: a failed write means the figures measure something else. */
export function assertNoErrors(scenario: string, run: Run): void {
  if (run.errors > 0) {
    throw new Error(`${scenario}: ${run.errors} of ${run.ops} operations failed; first: ${run.firstError}`)
  }
}

/** `count` accounts named `<prefix>NN`, spread over the bench domains. */
export async function createAccounts(target: Target, prefix: string, count: number, domains = 4): Promise<Account[]> {
  const out: Account[] = []
  for (let i = 0; i < count; i++) {
    out.push(await target.createAccount(`${prefix}${String(i).padStart(2, '0')}`, i % domains))
  }
  return out
}

/** The rkey of an at:// URI. */
export function rkeyOf(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1)
}
