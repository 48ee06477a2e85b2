// The targets primal-pds is held to (from the benchmark issue): ratios
// against the official PDS in the same run, or absolute bounds on its own
// figures. Keyed by figure id, `<scenario>.<figure>`.

export type Goal =
  | { kind: 'ratio'; min: number; text: string }
  | { kind: 'below'; max: number; text: string }
  | { kind: 'zero'; text: string }

export const GOALS: Record<string, Goal> = {
  'concurrent-writes.throughput': { kind: 'ratio', min: 3, text: '≥ 3×' },
  'concurrent-writes.cpuTotal': { kind: 'ratio', min: 3, text: '≤ ⅓ of official' },
  'hot-writes.throughput': { kind: 'ratio', min: 1.5, text: '≥ 1.5×' },
  'get-record.throughput': { kind: 'ratio', min: 2, text: '≥ 2×' },
  'get-repo.p50': { kind: 'ratio', min: 1, text: '≥ 1×' },
  'get-repo.rssGrowth': { kind: 'below', max: 50, text: '< 50 MB' },
  'firehose.p99': { kind: 'below', max: 50, text: '< 50 ms' },
  'firehose.missed': { kind: 'zero', text: '0' },
  'firehose.idleWorst': { kind: 'below', max: 50, text: '< 50 ms' },
  'replay.throughput': { kind: 'ratio', min: 2, text: '≥ 2×' },
  'tenants.idleRss': { kind: 'below', max: 200, text: '< 200 MB' },
}

/** Whether a goal is met; undefined when it cannot be judged (no official run, or a figure missing). */
export function meets(goal: Goal, primal: number | null | undefined, ratio: number | undefined): boolean | undefined {
  if (goal.kind === 'ratio') return ratio === undefined ? undefined : ratio >= goal.min
  if (primal === null || primal === undefined || Number.isNaN(primal)) return undefined
  return goal.kind === 'below' ? primal < goal.max : primal === 0
}
