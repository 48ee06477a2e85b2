// The agent SDK's checked-in types (packages/agent/src/lexicons.ts) are what
// scripts/agent-types.mjs makes of the lexicons now: a lexicon changed
// without `npm run lexgen` would leave the SDK typed by a stale contract.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { test } from 'node:test'

test('the agent SDK types are current: `npm run lexgen` after changing a lexicon', () => {
  const run = spawnSync(process.execPath, ['scripts/agent-types.mjs', '--check'], { encoding: 'utf8' })
  assert.equal(run.status, 0, run.stderr)
})
