// The same flow on the embedded default (one PGlite, one schema per tenant),
// and `npm start` with no db.json at all: defaults, generated secrets, the
// admin key shown once, data kept across restarts.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { runTenantFlow } from './tenant-flow.js'

test('two domains, accounts, sessions, isolation and removal on the embedded database', async () => {
  const t: TestServer = await startTestServer({ backend: 'embedded' })
  try {
    await runTenantFlow(t, 'emb')
    // Tenants are schemas of the one embedded instance.
    assert.equal(await t.ctx.storage.tenantStoreExists('primal_pds_alpha_emb_test'), true)
  } finally {
    await t.close()
  }
})

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts')
const children: ChildProcess[] = []
after(() => {
  for (const c of children) c.kill('SIGKILL')
})

/** Starts `primal-pds serve` in `cwd` with no db.json; resolves with its port and stdout so far. */
function serve(cwd: string): Promise<{ child: ChildProcess; port: number; stdout: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), CLI, 'serve'], {
    cwd,
    env: { ...process.env, PRIMAL_PDS_PORT: '0', PRIMAL_PDS_HOST: '127.0.0.1', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stdout = ''
  let stderr = ''
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (d) => {
      stderr += d
    })
    child.stdout?.on('data', (d) => {
      stdout += d
      const m = stdout.match(/"port":(\d+).*"msg":"listening"/)
      if (m) resolve({ child, port: Number(m[1]), stdout })
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${stderr}`)))
  })
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

test('serve with no db.json starts on the embedded default and keeps its secrets', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-start-'))
  try {
    // First start: the admin key is generated, printed once and persisted.
    const first = await serve(cwd)
    const secrets = JSON.parse(readFileSync(join(cwd, 'data', 'secrets.json'), 'utf8'))
    assert.ok(first.stdout.includes(secrets.adminKey), 'the generated admin key is printed at first start')
    assert.ok(existsSync(join(cwd, 'data', 'pglite')))
    const base = `http://127.0.0.1:${first.port}`
    const described = await xrpc(base, 'com.atproto.server.describeServer')
    assert.equal(described.body.did, `did:web:localhost%3A${2583}`)
    const added = await xrpc(base, 'host.primal.pds.addDomain', {
      auth: secrets.adminKey,
      body: { domain: 'first-start.test', ownerPassword: 'owner password 1' },
    })
    assert.equal(added.status, 200, JSON.stringify(added.body))
    await stop(first.child)

    // Second start: same admin key, not printed again; the domain and its owner survived.
    const second = await serve(cwd)
    assert.ok(!second.stdout.includes(secrets.adminKey), 'the admin key is printed only once')
    const base2 = `http://127.0.0.1:${second.port}`
    const login = await xrpc(base2, 'com.atproto.server.createSession', {
      body: { identifier: 'admin.first-start.test', password: 'owner password 1' },
    })
    assert.equal(login.status, 200, JSON.stringify(login.body))
    await stop(second.child)
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
})
