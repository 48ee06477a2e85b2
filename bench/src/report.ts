// The results as one table (figures × servers, the ratio, the target), on
// the terminal and as Markdown, and everything as JSON under bench/results/.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import { join } from 'node:path'
import { GOALS, meets } from './goals.js'
import type { Sizes } from './scenarios/load.js'
import type { Better, ScenarioResult } from './stats.js'
import type { TargetName } from './targets.js'

export type Row = {
  id: string
  section: string
  label: string
  unit: string
  better: Better
  primal?: number | null
  official?: number | null
  /** primal vs official, oriented so that above 1 means primal-pds does better. */
  ratio?: number
  goal?: string
  pass?: boolean
}

export type TargetRun = { target: TargetName; notes: string[]; results: ScenarioResult[] }

type Figure = Omit<Row, 'section' | 'primal' | 'official' | 'ratio' | 'goal' | 'pass'> & { value: number | null }

/** The figures of one scenario result, in table order. */
function figures(r: ScenarioResult): Figure[] {
  const id = (key: string) => `${r.scenario}.${key}`
  const out: Figure[] = []
  const unit = r.scenario === 'replay' ? 'events/s' : 'ops/s'
  if (r.throughput !== undefined) {
    out.push({ id: id('throughput'), label: 'throughput', unit, better: 'higher', value: r.throughput })
  }
  if (r.latencyMs) {
    const what = r.scenario === 'firehose' ? 'delivery latency' : 'latency'
    for (const q of ['p50', 'p95', 'p99'] as const) {
      out.push({ id: id(q), label: `${what} ${q}`, unit: 'ms', better: 'lower', value: r.latencyMs[q] })
    }
  }
  if (r.cpuMsPerOp) {
    const per = r.scenario === 'replay' ? 'event' : 'op'
    out.push({
      id: id('cpuServer'),
      label: `CPU/${per}, server`,
      unit: 'ms',
      better: 'lower',
      value: r.cpuMsPerOp.server,
    })
    out.push({ id: id('cpuDb'), label: `CPU/${per}, database`, unit: 'ms', better: 'lower', value: r.cpuMsPerOp.db })
    out.push({ id: id('cpuTotal'), label: `CPU/${per}, total`, unit: 'ms', better: 'lower', value: r.cpuMsPerOp.total })
  }
  if (r.errors > 0) out.push({ id: id('errors'), label: 'failed requests', unit: '', better: 'lower', value: r.errors })
  for (const e of r.extras) out.push({ id: id(e.key), label: e.label, unit: e.unit, better: e.better, value: e.value })
  return out
}

function ratioOf(better: Better, primal: number | null | undefined, official: number | null | undefined) {
  if (better === 'none' || !primal || !official || !Number.isFinite(primal) || !Number.isFinite(official)) return
  return better === 'higher' ? primal / official : official / primal
}

/** One row per figure, primal-pds's order first; each with the other server's value, ratio and target. */
export function buildRows(primal: TargetRun | undefined, official: TargetRun | undefined): Row[] {
  const rows = new Map<string, Row>()
  for (const run of [primal, official]) {
    for (const r of run?.results ?? []) {
      for (const f of figures(r)) {
        const row = rows.get(f.id) ?? { id: f.id, section: r.title, label: f.label, unit: f.unit, better: f.better }
        if (run === primal) row.primal = f.value
        else row.official = f.value
        rows.set(f.id, row)
      }
    }
  }
  for (const row of rows.values()) {
    row.ratio = ratioOf(row.better, row.primal, row.official)
    const goal = GOALS[row.id]
    if (goal) {
      row.goal = goal.text
      row.pass = meets(goal, row.primal, row.ratio)
    }
  }
  return [...rows.values()]
}

export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '–'
  if (Number.isInteger(v)) return v.toLocaleString('en')
  const abs = Math.abs(v)
  return v.toLocaleString('en', { maximumFractionDigits: abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3 })
}

const passText = (p: boolean | undefined) => (p === undefined ? '–' : p ? 'yes' : 'NO')

/** The table's cells, sections as rows of their own. */
function cells(rows: Row[], compare: boolean): { head: string[]; body: (string[] | string)[] } {
  const head = compare
    ? ['figure', 'primal-pds', 'official', 'ratio', 'target', 'pass']
    : ['figure', 'primal-pds', 'target', 'pass']
  const body: (string[] | string)[] = []
  let section = ''
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section
      body.push(section)
    }
    const label = r.unit ? `${r.label} (${r.unit})` : r.label
    const ratio = r.ratio === undefined ? '–' : `${fmt(r.ratio)}×`
    body.push(
      compare
        ? [label, fmt(r.primal), fmt(r.official), ratio, r.goal ?? '', passText(r.pass)]
        : [label, fmt(r.primal), r.goal ?? '', passText(r.pass)],
    )
  }
  return { head, body }
}

export function textTable(rows: Row[], compare: boolean): string {
  const { head, body } = cells(rows, compare)
  const all = [head, ...body.filter((b): b is string[] => Array.isArray(b))]
  const widths = head.map((_, i) => Math.max(...all.map((c) => (c[i] ?? '').length)))
  const line = (c: string[]) =>
    c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ')
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')]
  for (const b of body) out.push(Array.isArray(b) ? line(b) : `\n${b}`)
  return `${out.join('\n')}\n`
}

export function markdownTable(rows: Row[], compare: boolean): string {
  const { head, body } = cells(rows, compare)
  const out = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`]
  for (const b of body)
    out.push(Array.isArray(b) ? `| ${b.join(' | ')} |` : `| **${b}** |${' |'.repeat(head.length - 1)}`)
  return `${out.join('\n')}\n`
}

export type Report = {
  startedAt: Date
  /** The 1, 5 and 15 minute load averages when the run began: how busy the machine already was. */
  loadAtStart: number[]
  mode: 'quick' | 'full'
  compare: boolean
  only?: string[]
  sizes: Sizes
  runs: TargetRun[]
  rows: Row[]
}

function gitCommit(root: string): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== ''
    return dirty ? `${head} (with uncommitted changes)` : head
  } catch {
    return 'unknown'
  }
}

/** Writes <timestamp>.json and .md under bench/results and replaces latest.md; returns the paths. */
export function writeReport(root: string, report: Report): string[] {
  const dir = join(root, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  const stamp = report.startedAt.toISOString().replace(/[:.]/g, '-')
  const cpuList = cpus()
  const machine = {
    cpu: cpuList[0]?.model ?? 'unknown',
    cores: cpuList.length,
    mhz: cpuList[0]?.speed,
    totalMemMb: Math.round(totalmem() / 1024 / 1024),
    kernel: release(),
    loadAverageAtStart: report.loadAtStart,
    loadAverageAtEnd: loadavg(),
  }
  const meta = { node: process.version, commit: gitCommit(root), machine }
  const json = { ...report, startedAt: report.startedAt.toISOString(), finishedAt: new Date().toISOString(), ...meta }
  const notes = report.runs.flatMap((r) => r.notes.map((n) => `- ${r.target}: ${n}`))
  const md = [
    `# primal-pds bench, ${report.startedAt.toISOString()} (${report.mode}${report.compare ? ', vs official PDS' : ''})`,
    '',
    `Node ${meta.node}, commit ${meta.commit}, ${machine.cores} × ${machine.cpu}, ${machine.totalMemMb} MB RAM, ` +
      `load average ${report.loadAtStart.map((l) => l.toFixed(1)).join(' ')} at the start.`,
    ...(notes.length ? ['', ...notes] : []),
    '',
    markdownTable(report.rows, report.compare),
  ].join('\n')
  const paths = [join(dir, `${stamp}.json`), join(dir, `${stamp}.md`), join(dir, 'latest.md')]
  writeFileSync(paths[0] as string, `${JSON.stringify(json, null, 2)}\n`)
  writeFileSync(paths[1] as string, md)
  writeFileSync(paths[2] as string, md)
  return paths
}
