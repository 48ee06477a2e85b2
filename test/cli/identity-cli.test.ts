// The identity and routing commands: `domain add` keeps Traefik's file
// current, `traefik print` shows that same config, and `plc publish` sends the
// operations kept while no PLC directory was configured.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'
import { TRAEFIK_FILE } from '../../src/routing/traefik.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { dropDatabases, postgresReachable, uniqueDbName, urlFor } from '../helpers/postgres.js'
import { assertValidTraefik } from '../helpers/traefik-schema.js'

const run = promisify(execFile)
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts')
const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-cli-id-'))
const traefikDir = join(cwd, 'traefik')
const dbName = uniqueDbName()
let usePostgres = false
let plc: TestPlc

before(async () => {
  usePostgres = await postgresReachable()
  plc = await startPlc()
  const config: Record<string, unknown> = {
    logLevel: 'warn',
    adminKey: 'cli-test-admin-key-0123456789',
    serviceURL: 'https://pds.cli-id.test',
    // Nothing listens there: the CLI's announcement fails, and must not spill into its output.
    relays: ['http://127.0.0.1:9'],
    traefik: { dynamicDir: traefikDir, entryPoints: ['websecure'], certResolver: 'le', serviceUrl: 'http://pds:2583' },
  }
  if (usePostgres) config.database = { url: urlFor(dbName), maxConnections: 10 }
  writeFileSync(join(cwd, 'db.json'), JSON.stringify(config))
})
after(async () => {
  if (usePostgres) await dropDatabases(dbName)
  await plc?.close()
  rmSync(cwd, { recursive: true, force: true })
})

async function cli(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
  })
  return stdout
}

test('domain add writes the Traefik file, and traefik print shows the same config', async () => {
  const added = JSON.parse(await cli({}, 'domain', 'add', 'cli-id.test')) as { domain: { name: string } }
  assert.equal(added.domain.name, 'cli-id.test')
  const written = readFileSync(join(traefikDir, TRAEFIK_FILE), 'utf8')
  const printed = await cli({}, 'traefik', 'print')
  assert.equal(printed, written)
  assert.deepEqual(Object.keys(assertValidTraefik(printed).http.routers).sort(), ['service-host', 'tenant-cli-id.test'])
})

test('plc publish needs an endpoint, then sends the kept genesis ops', async () => {
  await assert.rejects(cli({}, 'plc', 'publish'), (err: { stderr: string }) => {
    assert.match(err.stderr, /plc publish needs "plcEndpoint"/)
    return true
  })
  const created = JSON.parse(await cli({}, 'account', 'create', 'kim.cli-id.test')) as { did: string }
  assert.equal(await plc.data(created.did), undefined)
  const report = JSON.parse(await cli({ PRIMAL_PDS_PLC_ENDPOINT: plc.url }, 'plc', 'publish'))
  // The domain's owner and kim.
  assert.deepEqual(report, { published: 2, failed: [] })
  assert.deepEqual((await plc.data(created.did))?.alsoKnownAs, ['at://kim.cli-id.test'])
  assert.deepEqual(JSON.parse(await cli({ PRIMAL_PDS_PLC_ENDPOINT: plc.url }, 'plc', 'publish')), {
    published: 0,
    failed: [],
  })
})

test('identity check: one account against the directory; without one, the export needs a directory', async () => {
  await assert.rejects(cli({}, 'identity', 'check'), (err: { stderr: string }) => {
    assert.match(err.stderr, /needs "plcEndpoint"/)
    return true
  })
  const created = JSON.parse(await cli({}, 'account', 'create', 'lee.cli-id.test')) as { did: string }
  await cli({ PRIMAL_PDS_PLC_ENDPOINT: plc.url }, 'plc', 'publish')
  const checked = JSON.parse(await cli({ PRIMAL_PDS_PLC_ENDPOINT: plc.url }, 'identity', 'check', created.did))
  assert.deepEqual(checked, { did: created.did, namesUs: true, moved: false, movedAt: null, newlyMoved: false })
})
