// Readers of /proc: CPU seconds and resident memory of the processes under
// test. Measured from outside, so both servers are judged by the same rules
// whatever they report about themselves.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | undefined

/** Clock ticks per second of utime/stime (getconf CLK_TCK; 100 on every Linux we run on). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

export type ProcCpu = {
  /** User + system CPU seconds since the process started. */
  seconds: number
  /** Start time in ticks since boot: with the pid, names one process even if the pid is reused. */
  startTicks: number
}

/** CPU of one process, or undefined when it has exited. */
export function readCpu(pid: number): ProcCpu | undefined {
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return undefined
  }
  // The command name (field 2) may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // fields[0] is field 3 (state): utime is field 14, stime 15, starttime 22.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return { seconds: (utime + stime) / clockTicks(), startTicks: Number(fields[19]) }
}

/** Resident set size in bytes (VmRSS), or undefined when the process has exited. */
export function readRss(pid: number): number | undefined {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return undefined
  }
  const kb = status.match(/^VmRSS:\s+(\d+)\s+kB/m)?.[1]
  return kb === undefined ? undefined : Number(kb) * 1024
}

/** CPU seconds of a set of processes, keyed by pid and start time. */
export type CpuSet = Map<string, number>

export function readCpuSet(pids: Iterable<number>): CpuSet {
  const out: CpuSet = new Map()
  for (const pid of pids) {
    const cpu = readCpu(pid)
    if (cpu) out.set(`${pid}:${cpu.startTicks}`, cpu.seconds)
  }
  return out
}

/**
 * CPU spent between two samples. A process absent from `before` started in
 * between, so all of its CPU counts; one absent from `after` exited and its
 * share is lost (the bench keeps pools' connections open to avoid that).
 */
export function cpuSetDelta(before: CpuSet, after: CpuSet): number {
  let total = 0
  for (const [key, seconds] of after) total += seconds - (before.get(key) ?? 0)
  return total
}

/** Samples a process's RSS every `intervalMs` until stopped; reports the highest value seen. */
export function sampleRss(pid: number, intervalMs = 20): { stop(): number } {
  let max = readRss(pid) ?? 0
  const timer = setInterval(() => {
    max = Math.max(max, readRss(pid) ?? 0)
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      max = Math.max(max, readRss(pid) ?? 0)
      return max
    },
  }
}
