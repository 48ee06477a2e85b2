// npm run bench [-- --compare] [--quick] [--only a,b]: runs the scenarios
// against primal-pds (and with --compare the official PDS, one server at a
// time), prints one table and writes it to bench/results/.
import { loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { cleanupAll } from './cleanup.js'
import { buildPrimal, ROOT, startPrimal } from './primal.js'
import { buildRows, type TargetRun, textTable, writeReport } from './report.js'
import { firehose } from './scenarios/firehose.js'
import { getRepo } from './scenarios/get-repo.js'
import { FULL, QUICK, type Sizes, type World } from './scenarios/load.js'
import { getRecord, listRecords } from './scenarios/reads.js'
import { replay } from './scenarios/replay.js'
import { idleTenants, rssAfterRun } from './scenarios/tenants.js'
import { warmUp } from './scenarios/warmup.js'
import { concurrentWrites, hotWrites, seqWrites } from './scenarios/writes.js'
import type { ScenarioResult } from './stats.js'
import { startOfficialTarget, type Target } from './targets.js'

const SCENARIOS: Record<string, (world: World) => Promise<ScenarioResult>> = {
  'seq-writes': seqWrites,
  'concurrent-writes': (world) => concurrentWrites(world),
  'hot-writes': hotWrites,
  'get-record': getRecord,
  'list-records': listRecords,
  'get-repo': getRepo,
  firehose,
  replay,
}
const ALL = ['tenants', ...Object.keys(SCENARIOS)]

const USAGE = `usage: npm run bench -- [--compare] [--quick] [--only <scenario>[,<scenario>…]]

  --compare   also run the official PDS (@atproto/pds, installed into side-by-side/node_modules on first use)
  --quick     small sizes, for a smoke run
  --only      run only these scenarios: ${ALL.join(', ')}
`

class UsageError extends Error {}

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`)
}

/** Every selected scenario on one server, which is closed afterwards whatever happens. */
async function runTarget(target: Target, sizes: Sizes, only: Set<string>): Promise<TargetRun> {
  const run: TargetRun = { target: target.name, notes: [], results: [] }
  const world: World = { target, sizes }
  try {
    let tenants: ScenarioResult | undefined
    if (only.has('tenants')) {
      log(`${target.name}: tenants (${sizes.tenants})`)
      const { result, note } = await idleTenants(world)
      run.notes.push(`tenants: ${note}`)
      tenants = result
      run.results.push(result)
    }
    log(`${target.name}: warm-up`)
    await warmUp(world)
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      if (!only.has(name)) continue
      log(`${target.name}: ${name}`)
      const t0 = performance.now()
      run.results.push(await scenario(world))
      log(`${target.name}: ${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    }
    if (tenants) rssAfterRun(world, tenants)
    return run
  } finally {
    await target.close()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      compare: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(USAGE)
    return
  }
  const onlyList = values.only?.split(',').map((s) => s.trim()) ?? ALL
  const unknown = onlyList.filter((s) => !ALL.includes(s))
  if (unknown.length) throw new UsageError(`unknown scenario ${unknown.join(', ')}`)
  const only = new Set(onlyList)
  const sizes = values.quick ? QUICK : FULL
  const startedAt = new Date()
  const loadAtStart = loadavg()

  log('building primal-pds (npm run build)')
  buildPrimal()
  const runs: TargetRun[] = []
  log('starting primal-pds')
  runs.push(await runTarget(await startPrimal(), sizes, only))
  if (values.compare) {
    log('starting the official PDS')
    runs.push(await runTarget(await startOfficialTarget(), sizes, only))
  }

  const primal = runs.find((r) => r.target === 'primal-pds')
  const official = runs.find((r) => r.target === 'official')
  const rows = buildRows(primal, official)
  process.stdout.write(`\n${textTable(rows, values.compare)}`)
  for (const run of runs) for (const note of run.notes) process.stdout.write(`${run.target}: ${note}\n`)
  const paths = writeReport(ROOT, {
    startedAt,
    loadAtStart,
    mode: values.quick ? 'quick' : 'full',
    compare: values.compare,
    only: values.only ? onlyList : undefined,
    sizes,
    runs,
    rows,
  })
  process.stdout.write(`\nwritten: ${paths.join(', ')}\n`)
}

// Ctrl-C (or a kill) mid-run still stops the servers and drops the databases.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping servers and dropping databases`)
    cleanupAll().finally(() => {
      log('stopped')
      process.exit(130)
    })
  })
}

main()
  .catch((err) => {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${USAGE}`)
      process.exitCode = 2
      return
    }
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exitCode = 1
  })
  .finally(cleanupAll)
