// The CLI drives the same services as the admin API: domains and accounts
// managed from the shell end up exactly where the API would put them.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { promisify } from 'node:util'
import { databasesLike, dropDatabases, postgresReachable, uniqueDbName, urlFor } from '../helpers/postgres.js'

const run = promisify(execFile)
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts')
const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-cli-'))
const dbName = uniqueDbName()
let usePostgres = false

before(async () => {
  usePostgres = await postgresReachable()
  const config: Record<string, unknown> = { logLevel: 'warn', adminKey: 'cli-test-admin-key-0123456789' }
  if (usePostgres) config.database = { url: urlFor(dbName), maxConnections: 10 }
  writeFileSync(join(cwd, 'db.json'), JSON.stringify(config))
})
after(async () => {
  if (usePostgres) await dropDatabases(dbName)
  rmSync(cwd, { recursive: true, force: true })
})

async function cli(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, ...args], {
    cwd,
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  return JSON.parse(stdout)
}

async function cliFails(...args: string[]): Promise<string> {
  try {
    await cli(...args)
  } catch (err) {
    return (err as { stderr: string }).stderr
  }
  assert.fail(`expected primal-pds ${args.join(' ')} to fail`)
}

test('domains and accounts from the command line', async () => {
  const migrated = (await cli('migrate')) as { migrated: string[] }
  assert.deepEqual(migrated.migrated, ['management'])

  const added = (await cli('domain', 'add', 'cli.test', '--owner-handle', 'boss.cli.test')) as {
    owner: { handle: string; password: string }
  }
  assert.equal(added.owner.handle, 'boss.cli.test')
  assert.ok(added.owner.password.length >= 16)
  if (usePostgres) assert.deepEqual(await databasesLike(dbName), [dbName, `${dbName}_cli_test`])

  const created = (await cli('account', 'create', 'zed.cli.test', '--role', 'admin')) as { did: string; role: string }
  assert.equal(created.role, 'admin')
  const listed = (await cli('account', 'list', 'cli.test')) as { handle: string; role: string }[]
  assert.deepEqual(
    listed.map((a) => `${a.handle}:${a.role}`),
    ['boss.cli.test:owner', 'zed.cli.test:admin'],
  )
  assert.deepEqual(await cli('account', 'status', 'zed.cli.test', 'suspended'), {
    did: created.did,
    status: 'suspended',
  })
  assert.match(await cliFails('account', 'delete', 'boss.cli.test'), /owner of a domain cannot be deleted/)
  assert.deepEqual(await cli('account', 'delete', created.did), { deleted: created.did })
  assert.match(await cliFails('domain', 'add', 'bad..name'), /invalid domain name/)
  assert.match(await cliFails('frobnicate'), /unknown command: frobnicate/)

  assert.deepEqual(
    ((await cli('domain', 'list')) as { name: string }[]).map((d) => d.name),
    ['cli.test'],
  )
  assert.deepEqual(await cli('domain', 'remove', 'cli.test'), { removed: 'cli.test' })
  assert.deepEqual(await cli('domain', 'list'), [])
  if (usePostgres) assert.deepEqual(await databasesLike(dbName), [dbName])
})

test('account move: an account goes to another domain from the command line, with no server running', async () => {
  await cli('domain', 'add', 'cli-from.test', '--owner-handle', 'boss.cli-from.test')
  await cli('domain', 'add', 'cli-move.test', '--owner-handle', 'boss.cli-move.test')
  const created = (await cli('account', 'create', 'mover.cli-from.test')) as { did: string }
  const moved = (await cli('account', 'move', 'mover.cli-from.test', 'mover.cli-move.test')) as {
    did: string
    handle: string
  }
  assert.deepEqual(moved, { did: created.did, handle: 'mover.cli-move.test' })
  const there = (await cli('account', 'list', 'cli-move.test')) as { handle: string }[]
  assert.ok(there.some((a) => a.handle === 'mover.cli-move.test'))
  const here = (await cli('account', 'list', 'cli-from.test')) as { handle: string }[]
  assert.ok(!here.some((a) => a.handle === 'mover.cli-from.test'))
  assert.match(await cliFails('account', 'move', 'mover.cli-move.test'), /needs the new handle/)
})

test('a broken db.json stops the CLI with one message per bad field', async () => {
  const bad = mkdtempSync(join(tmpdir(), 'primal-pds-cli-bad-'))
  try {
    writeFileSync(join(bad, 'db.json'), JSON.stringify({ port: -1, registrationOpen: 'maybe' }))
    const err = await run(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, 'domain', 'list'], {
      cwd: bad,
      env: { ...process.env, NODE_OPTIONS: '' },
    }).then(
      () => assert.fail('expected failure'),
      (e: { stderr: string; code: number }) => e,
    )
    assert.equal(err.code, 1)
    assert.match(err.stderr, /"port" must be an integer/)
    assert.match(err.stderr, /"registrationOpen" must be true or false/)
  } finally {
    rmSync(bad, { recursive: true, force: true })
  }
})
