// The embedded database holds password hashes and sealed signing keys: every
// file and directory under the data directory stays private to the service's
// user whatever the umask, including files PGlite makes long after start
// (new tables, WAL segments) and files an older version left open.
import assert from 'node:assert/strict'
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

/** Paths under `dir` (itself included) that group or other may read, write or enter. */
function openToOthers(dir: string): string[] {
  const found: string[] = []
  const walk = (path: string) => {
    const stat = lstatSync(path)
    if (stat.isSymbolicLink()) return
    if (stat.mode & 0o077) found.push(`${path} ${(stat.mode & 0o777).toString(8)}`)
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name))
  }
  walk(dir)
  return found
}

test('the data directory and everything PGlite writes in it are 0700/0600 under umask 022', async () => {
  const previous = process.umask(0o022)
  const dataDir = mkdtempSync(join(tmpdir(), 'primal-pds-perms-'))
  try {
    chmodSync(dataDir, 0o755)
    // A database as an unfixed version left it: PGlite's own files, 0666 under this umask.
    const old = await PGlite.create(join(dataDir, 'pglite'))
    await old.close()
    assert.ok(openToOthers(dataDir).length > 100, 'the setup leaves an open data directory to fix')

    const t = await startTestServer({ backend: 'embedded', config: { dataDir } })
    try {
      await addDomain(t, 'perms.test')
      const account = await createAccount(t, 'hashes.perms.test', 'a secret password')
      const login = await xrpc(t.url, 'com.atproto.server.createSession', {
        body: { identifier: account.handle, password: account.password },
      })
      assert.equal(login.status, 200)
      // Enough writes to make new relation files and fill WAL beyond the segments that existed at start.
      const text = 'x'.repeat(300)
      for (let i = 0; i < 40; i++) {
        const writes = Array.from({ length: 50 }, () => ({
          $type: 'com.atproto.repo.applyWrites#create',
          collection: 'app.bsky.feed.post',
          value: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
        }))
        const res = await xrpc(t.url, 'com.atproto.repo.applyWrites', {
          auth: login.body.accessJwt as string,
          body: { repo: account.did, writes },
        })
        assert.equal(res.status, 200, JSON.stringify(res.body))
      }
      assert.deepEqual(openToOthers(dataDir), [], 'while the server runs')
    } finally {
      await t.close().catch(() => {})
    }
  } finally {
    process.umask(previous)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
