// The merge order of pages read across tenants must be SQL's collate "C"
// order (UTF-8 bytes), or a page boundary skips or repeats a row.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { decodeCursor, desc, encodeCursor } from '../../src/gather/tenant-fan-out.js'

test('desc orders by UTF-8 bytes, as collate "C" does, even where UTF-16 code units disagree', () => {
  // U+1F600 is F0 9F 98 80 in UTF-8 (after U+FF42's EF BD 82), but D83D DE00 in UTF-16 (before FF42).
  const names = ['ｂot', '😀bot', 'abc', 'ab', 'é']
  const bytes = [...names].sort((a, b) => Buffer.compare(Buffer.from(b), Buffer.from(a)))
  assert.deepEqual([...names].sort(desc), bytes)
  assert.ok(desc('😀bot', 'ｂot') < 0, 'the emoji comes first in descending order')
  assert.equal(desc('same', 'same'), 0)
})

test('a cursor holds its key and nothing else: a malformed one is refused', () => {
  assert.deepEqual(decodeCursor(encodeCursor(['a', 3]), ['s', 'n']), ['a', 3])
  for (const bad of ['', 'not base64 json', encodeCursor(['a']), encodeCursor([3, 'a']), encodeCursor(['\u0000', 1])]) {
    assert.throws(() => decodeCursor(bad, ['s', 'n']), /Malformed cursor/)
  }
})
