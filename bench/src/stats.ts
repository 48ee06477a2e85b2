// What a scenario reports, and the arithmetic behind it.

/** Which way is better; 'none' for figures that only describe the run (no ratio). */
export type Better = 'higher' | 'lower' | 'none'

/** A figure beyond the common ones (bytes, memory growth, missed events…). */
export type Extra = { key: string; label: string; unit: string; value: number | null; better: Better }

export type Latency = { p50: number; p95: number; p99: number; max: number }

export type ScenarioResult = {
  scenario: string
  title: string
  ops: number
  seconds: number
  /** Operations (or events) per second; absent where a rate means nothing. */
  throughput?: number
  latencyMs?: Latency
  /** CPU milliseconds per operation: the server process, its database processes, both. */
  cpuMsPerOp?: { server: number; db: number; total: number }
  errors: number
  extras: Extra[]
}

/** The q-th quantile (0..1) by nearest rank; NaN for no samples. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil(q * sorted.length) - 1
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number
}

export function latency(samples: number[]): Latency {
  const sorted = Float64Array.from(samples).sort()
  const arr = Array.from(sorted)
  return { p50: quantile(arr, 0.5), p95: quantile(arr, 0.95), p99: quantile(arr, 0.99), max: quantile(arr, 1) }
}

export function median(samples: number[]): number {
  return latency(samples).p50
}

export const MB = 1024 * 1024

/** A seeded generator (mulberry32): both servers read the same records in the same order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
