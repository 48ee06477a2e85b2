// The same flow on the embedded default (one PGlite, one schema per tenant),
// and `npm start` with no db.json at all: defaults, generated secrets, the
// admin key shown once, data kept across restarts.
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { type ServerProcess, serveIn } from '../helpers/process.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { runTenantFlow } from './tenant-flow.js'

test('two domains, accounts, sessions, isolation and removal on the embedded database', async () => {
  const t: TestServer = await startTestServer({ backend: 'embedded' })
  try {
    await runTenantFlow(t, 'emb')
    // Tenants are schemas of the one embedded instance.
    assert.equal(await t.ctx.storage.tenantDbExists('primal_pds_alpha_emb_test'), true)
  } finally {
    await t.close()
  }
})

const children: ServerProcess[] = []
after(() => Promise.all(children.map((c) => c.kill('SIGKILL'))))

async function serve(cwd: string): Promise<ServerProcess> {
  const proc = await serveIn(cwd)
  children.push(proc)
  return proc
}

test('serve with no db.json starts on the embedded default and keeps its secrets', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-start-'))
  try {
    // First start: the admin key is generated, printed once and persisted.
    const first = await serve(cwd)
    const secrets = JSON.parse(readFileSync(join(cwd, 'data', 'secrets.json'), 'utf8'))
    assert.ok(first.stdout().includes(secrets.adminKey), 'the generated admin key is printed at first start')
    assert.ok(existsSync(join(cwd, 'data', 'pglite')))
    const base = first.url
    const described = await xrpc(base, 'com.atproto.server.describeServer')
    assert.equal(described.body.did, `did:web:localhost%3A${2583}`)
    const added = await xrpc(base, 'host.primal.pds.addDomain', {
      auth: secrets.adminKey,
      body: { domain: 'first-start.test', ownerPassword: 'owner password 1' },
    })
    assert.equal(added.status, 200, JSON.stringify(added.body))
    await first.kill()

    // Second start: same admin key, not printed again; the domain and its owner survived.
    const second = await serve(cwd)
    assert.ok(!second.stdout().includes(secrets.adminKey), 'the admin key is printed only once')
    const base2 = second.url
    const login = await xrpc(base2, 'com.atproto.server.createSession', {
      body: { identifier: 'admin.first-start.test', password: 'owner password 1' },
    })
    assert.equal(login.status, 200, JSON.stringify(login.body))
    await second.kill()
  } finally {
    rmSync(cwd, { recursive: true, force: true })
  }
})
