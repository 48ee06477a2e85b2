// importRepo holds a CAR in memory while it checks it: all imports of the
// process together hold at most limits.importRepoMemoryBytes, past which an
// import is refused (503) instead of growing the process without bound, and
// what a refused or finished import held is given back.
import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { XRPCError } from '@atproto/xrpc-server'
import { ByteBudget } from '../../src/lib/byte-budget.js'
import { createLogger } from '../../src/lib/logger.js'
import { RepoImporter } from '../../src/repo/repo-import.js'
import type { Storage } from '../../src/storage/storage.js'

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; !check(); i++) {
    if (i > 2000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

test('imports share one memory budget: past it an import gets 503, and everything held is given back', async () => {
  const memory = new ByteBudget(1000)
  const importer = new RepoImporter({
    // Neither import gets past reading its body, so nothing reaches storage or the DID's keys.
    storage: undefined as unknown as Storage,
    didKeys: {
      signingKey: () => Promise.reject(new Error('not reached')),
      signingKeysEver: () => Promise.reject(new Error('not reached')),
    },
    indexers: [],
    maxBytes: 1200,
    memory,
    logger: createLogger('silent'),
  })
  const repo = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', db_name: 'unused' }
  const slow = new PassThrough()
  const first = importer.import(repo, slow)
  slow.write(Buffer.alloc(700, 1))
  await until('the first import to hold its chunk', () => memory.held === 700)

  const second = new PassThrough()
  const refused = importer.import(repo, second)
  second.end(Buffer.alloc(400, 2))
  await assert.rejects(refused, (err: unknown) => {
    assert.ok(err instanceof XRPCError)
    assert.equal(err.type, 503)
    assert.match(err.message, /imported at once/)
    return true
  })
  assert.equal(memory.held, 700)

  // Alone, an import may hold up to its own limit even past the shared budget's room.
  slow.end(Buffer.alloc(450, 1))
  await assert.rejects(first, /Could not read the repository CAR/)
  assert.equal(memory.held, 0)
})
