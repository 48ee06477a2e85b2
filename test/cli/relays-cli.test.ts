// `primal-pds relays` asks the running server (at the config's port, with its
// admin key) how each relay sees each of our hosts and, with --did, one
// account, and prints it as tables; a server that is not running is a clear
// error.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'
import { addDomain } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { ADMIN_KEY, startTestServer, type TestServer } from '../helpers/server.js'
import { loopbackHost, type StandinRelay, startStandinRelay } from '../helpers/standin-relay.js'
import { until } from '../helpers/until.js'
import { unusedLocalUrl } from '../helpers/xrpc.js'

const run = promisify(execFile)
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts')
const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-relays-cli-'))

let plc: TestPlc
let relay: StandinRelay
let downRelay: string
let t: TestServer

before(async () => {
  plc = await startPlc()
  relay = await startStandinRelay({
    plcUrl: plc.url,
    connect: loopbackHost,
    // As indigo's getHostStatus: the relay's account count comes from its listHosts.
    omitAccountCount: true,
  })
  downRelay = await unusedLocalUrl()
  t = await startTestServer({
    localhostUrl: true,
    config: {
      plcEndpoint: plc.url,
      relays: [relay.url, downRelay],
      relayCheck: { intervalSeconds: 0, timeoutMs: 2000 },
    },
  })
  writeFileSync(
    join(cwd, 'db.json'),
    JSON.stringify({ port: t.server.port, host: '127.0.0.1', adminKey: ADMIN_KEY, logLevel: 'warn' }),
  )
})

after(async () => {
  await t?.close()
  await relay?.close()
  await plc?.close()
  rmSync(cwd, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  return stdout
}

test('relays: per host and relay the status, accounts, seq lag and crawl; with --did the account at each relay', async () => {
  // A relay takes a new host's stream live, from no cursor (as indigo does): it must be crawling us before the
  // events it is to read are written. Its first crawl may come before we listen, and then on a retry.
  await until(() => relay.host(t.ctx.pdsHosts.serviceHostname) !== undefined, 'the relay to crawl us')
  const alice = (await addDomain(t, 'cli.test')).owner
  // Every event written so far is in the firehose (the sweep drains every outbox), and the relay has read it.
  await until(() => t.ctx.sequencer.leading, 'this process to sequence')
  await t.ctx.sequencer.sweep()
  const head = (await t.ctx.storage.managementReader.firehose.head()).seq
  assert.ok(head > 0)
  const hostname = t.ctx.pdsHosts.serviceHostname
  await until(() => (relay.host(hostname)?.seq ?? 0) >= head, 'the relay to read the firehose')

  const lines = (await cli('relays', '--refresh')).split('\n')
  assert.equal(lines[0], `host ${hostname} (cli.test): 1 accounts, seq ${head}`)
  assert.match(String(lines[1]), /^ {2}relay +status +accounts relay\/ours +seq behind +crawl +error$/)
  const row = (url: string) => lines.find((l) => l.startsWith(`  ${url} `)) ?? ''
  assert.match(row(relay.url), /^ {2}\S+ +active +1\/1 +0 +accepted$/)
  assert.match(row(downRelay), /^ {2}\S+ +unreachable +-\/1 +- +(asking|failing) +.*ECONNREFUSED/)

  const withDid = await cli('relays', '--did', alice.did)
  const rev = (await t.ctx.repoReads.root(await t.ctx.accounts.findRepo(alice.did))).rev
  assert.match(withDid, new RegExp(`\\naccount ${alice.did} on ${hostname}: active, rev ${rev}\\n`))
  assert.match(withDid, new RegExp(` {2}\\S+ +yes +yes +${rev} +yes\\n`))
  assert.match(withDid, / {2}\S+ +unreachable +- +- +- +.*ECONNREFUSED/)
})

test('relays: a server that is not running is a clear error', async () => {
  const nowhere = await unusedLocalUrl()
  try {
    await cli('relays', '--url', nowhere)
    assert.fail('expected primal-pds relays to fail')
  } catch (err) {
    assert.match((err as { stderr: string }).stderr, new RegExp(`the server at ${nowhere} did not answer`))
  }
})
