// The bench's own arithmetic, which no server run checks: percentiles, the
// orientation of ratios and the targets' verdicts, frame matching, and the
// /proc readers its CPU and memory figures come from.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { cpuSetDelta, readCpu, readRss } from '../../bench/src/proc.js'
import { buildRows, markdownTable, type TargetRun } from '../../bench/src/report.js'
import { commitKey } from '../../bench/src/scenarios/subscriber.js'
import { latency, quantile, type ScenarioResult } from '../../bench/src/stats.js'

test('percentiles are nearest-rank over the samples', () => {
  const samples = Array.from({ length: 100 }, (_, i) => 100 - i) // 100..1, unsorted
  assert.deepEqual(latency(samples), { p50: 50, p95: 95, p99: 99, max: 100 })
  assert.equal(quantile([7], 0.99), 7)
  assert.ok(Number.isNaN(quantile([], 0.5)))
})

function result(scenario: string, throughput: number, p99: number, cpuTotal: number, missed: number): ScenarioResult {
  return {
    scenario,
    title: scenario,
    ops: 100,
    seconds: 1,
    throughput,
    latencyMs: { p50: p99 / 2, p95: p99, p99, max: p99 },
    cpuMsPerOp: { server: cpuTotal, db: 0, total: cpuTotal },
    errors: 0,
    extras: [{ key: 'missed', label: 'missed', unit: '', value: missed, better: 'lower' }],
  }
}

const run = (target: TargetRun['target'], results: ScenarioResult[]): TargetRun => ({ target, notes: [], results })

test('ratios read above 1 when primal-pds does better, and targets are judged on them', () => {
  const rows = buildRows(
    run('primal-pds', [result('concurrent-writes', 300, 20, 2, 0), result('firehose', 50, 40, 1, 0)]),
    run('official', [result('concurrent-writes', 100, 80, 8, 3), result('firehose', 50, 10, 1, 0)]),
  )
  const row = (id: string) => rows.find((r) => r.id === id)
  assert.equal(row('concurrent-writes.throughput')?.ratio, 3)
  assert.equal(row('concurrent-writes.throughput')?.pass, true) // ≥ 3×
  assert.equal(row('concurrent-writes.p99')?.ratio, 4) // 80 ms theirs ÷ 20 ms ours
  assert.equal(row('concurrent-writes.cpuTotal')?.ratio, 4)
  assert.equal(row('concurrent-writes.cpuTotal')?.pass, true) // ≤ a third of theirs
  assert.equal(row('concurrent-writes.missed')?.ratio, undefined) // no ratio against a zero
  assert.equal(row('firehose.p99')?.ratio, 0.25)
  assert.equal(row('firehose.p99')?.pass, true) // an absolute bound: 40 ms < 50 ms, whatever theirs
  assert.equal(row('firehose.missed')?.pass, true)
})

test('without the official PDS, ratio targets are left unjudged and absolute ones still apply', () => {
  const rows = buildRows(
    run('primal-pds', [result('concurrent-writes', 300, 20, 2, 0), result('firehose', 50, 60, 1, 2)]),
    undefined,
  )
  const row = (id: string) => rows.find((r) => r.id === id)
  assert.equal(row('concurrent-writes.throughput')?.pass, undefined)
  assert.equal(row('firehose.p99')?.pass, false)
  assert.equal(row('firehose.missed')?.pass, false)
  const md = markdownTable(rows, false).split('\n')
  assert.equal(md[0], '| figure | primal-pds | target | pass |')
  assert.ok(md.includes('| delivery latency p99 (ms) | 60 | < 50 ms | NO |'), md.join('\n'))
})

test('a #commit frame is matched by repo and rev; other frames by nothing', async () => {
  const cid = CID.createV1(dagCbor.code, await sha256.digest(new Uint8Array([1, 2, 3])))
  const frame = (header: object, body: object) => {
    const h = dagCbor.encode(header)
    const b = dagCbor.encode(body)
    const out = new Uint8Array(h.length + b.length)
    out.set(h)
    out.set(b, h.length)
    return out
  }
  const body = {
    seq: 7,
    repo: 'did:plc:abc',
    rev: '3kabcdefghij2',
    commit: cid,
    blocks: new Uint8Array(10),
    ops: [{ cid }],
  }
  assert.equal(commitKey(frame({ op: 1, t: '#commit' }, body)), 'did:plc:abc 3kabcdefghij2')
  assert.equal(commitKey(frame({ op: 1, t: '#identity' }, { seq: 8, did: 'did:plc:abc' })), undefined)
  assert.equal(commitKey(frame({ op: -1 }, { error: 'FutureCursor' })), undefined)
})

test('/proc readers see this process use CPU and memory; an exited process reads as absent', () => {
  const before = readCpu(process.pid)
  assert.ok(before)
  const until = performance.now() + 120
  while (performance.now() < until) Math.sqrt(Math.random())
  const after = readCpu(process.pid)
  assert.ok(after && after.seconds > before.seconds, `${after?.seconds} > ${before.seconds}`)
  assert.equal(after.startTicks, before.startTicks)
  assert.ok((readRss(process.pid) ?? 0) > 10 * 1024 * 1024)
  assert.equal(readCpu(2 ** 30), undefined)
  // A process that appears between samples counts whole; one that vanished counts nothing.
  const delta = cpuSetDelta(
    new Map([
      ['1:5', 2],
      ['2:9', 4],
    ]),
    new Map([
      ['1:5', 3.5],
      ['3:11', 0.25],
    ]),
  )
  assert.equal(delta, 1.75)
})
