// A paced host's subscriber's token bucket: one second's worth at once after
// a quiet spell, then the pace, and how long until the next events may go.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Pacer } from '../../src/http/streams/pacer.js'

test('a burst of one second, then the pace; waits say when the next events may go', () => {
  let now = 0
  const pacer = new Pacer(4, () => now)
  assert.equal(pacer.burst, 4)
  for (let i = 0; i < 4; i++) assert.ok(pacer.take(), `burst event ${i}`)
  assert.equal(pacer.take(), false)
  assert.equal(pacer.msUntil(1), 250)
  assert.equal(pacer.msUntil(4), 1000)
  now = 250
  assert.equal(pacer.available, 1)
  assert.ok(pacer.take())
  assert.equal(pacer.take(), false)
  // A long quiet spell fills the bucket to one second's worth, no more.
  now = 60_000
  assert.equal(pacer.available, 4)
  assert.equal(pacer.msUntil(10), 0, 'asking for more than the burst waits for a full bucket only')
})

test('a pace of one a second lets one event go at a time', () => {
  let now = 0
  const pacer = new Pacer(1, () => now)
  assert.equal(pacer.burst, 1)
  assert.ok(pacer.take())
  assert.equal(pacer.msUntil(), 1000)
  now = 999
  assert.equal(pacer.take(), false)
  now = 1000
  assert.ok(pacer.take())
})
