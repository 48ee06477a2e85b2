// Making the data directory private at start: a path already private is left
// as it is (a read-only mount, or one whose mode cannot change, still starts),
// and one open to others that cannot be closed is refused by name. An
// immutable file (chattr +i) is one whose mode even root cannot change.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { validateConfig } from '../../src/config/config.js'
import { ensureSecrets } from '../../src/config/secrets.js'

function immutable(path: string, on: boolean): void {
  execFileSync('chattr', [on ? '+i' : '-i', path])
}

test('secrets in a private file whose mode cannot change are read; an open one that cannot be closed is refused', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'primal-pds-datadir-'))
  const file = join(dataDir, 'secrets.json')
  const config = validateConfig({ dataDir }, 'db.json', dataDir)
  try {
    chmodSync(dataDir, 0o700)
    ensureSecrets(config)
    assert.equal(lstatSync(file).mode & 0o777, 0o600)
    immutable(file, true)
    const again = ensureSecrets(config)
    assert.equal(again.newAdminKey, undefined, 'the kept secrets were read')
    immutable(file, false)

    chmodSync(file, 0o644)
    immutable(file, true)
    assert.throws(() => ensureSecrets(config), /secrets\.json is open to other users and cannot be made private/)
  } finally {
    immutable(file, false)
    rmSync(dataDir, { recursive: true, force: true })
  }
})
