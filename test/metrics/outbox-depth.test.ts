// The outbox depth the sequencer keeps without counting rows: signals raise
// it, drains lower it, and a drain that emptied an outbox corrects it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { OutboxDepth } from '../../src/metrics/outbox-depth.js'

test('each signal is a waiting row until a drain moves it', () => {
  const d = new OutboxDepth()
  for (let i = 0; i < 3; i++) d.signalled('a')
  d.signalled('b')
  assert.equal(d.total, 4)
  const mark = d.mark('a')
  d.drained('a', mark, 3, false)
  assert.equal(d.total, 1)
  d.drained('b', d.mark('b'), 1, false)
  assert.equal(d.total, 0)
})

test('rows signalled while a drain runs still wait after it', () => {
  const d = new OutboxDepth()
  d.signalled('a')
  const mark = d.mark('a')
  // Written after the drain read the outbox: not among the rows it moved.
  d.signalled('a')
  d.signalled('a')
  d.drained('a', mark, 1, false)
  assert.equal(d.total, 2)
})

test('a full batch leaves the rest waiting; the last, short batch settles the count', () => {
  const d = new OutboxDepth()
  for (let i = 0; i < 1200; i++) d.signalled('a')
  d.drained('a', d.mark('a'), 500, true)
  assert.equal(d.total, 700)
  d.drained('a', d.mark('a'), 500, true)
  assert.equal(d.total, 200)
  d.drained('a', d.mark('a'), 200, false)
  assert.equal(d.total, 0)
})

test('the count corrects itself: rows nobody signalled, signals with no row', () => {
  const d = new OutboxDepth()
  // A multi-row commit (one signal, three rows): never below zero.
  d.signalled('a')
  d.drained('a', d.mark('a'), 3, false)
  assert.equal(d.total, 0)
  // Signals whose rows another drain already took: an empty read clears them.
  d.signalled('b')
  d.signalled('b')
  d.drained('b', d.mark('b'), 0, false)
  assert.equal(d.total, 0)
  // A full batch found more than was signalled: what waits is unknown, not negative.
  d.signalled('c')
  d.drained('c', d.mark('c'), 500, true)
  assert.equal(d.total, 0)
})

test('clearing (leadership changes hands) forgets everything, and a drain begun before it stays sane', () => {
  const d = new OutboxDepth()
  for (let i = 0; i < 5; i++) d.signalled('a')
  const mark = d.mark('a')
  d.clear()
  assert.equal(d.total, 0)
  d.signalled('a')
  d.drained('a', mark, 2, false)
  assert.ok(d.total >= 0)
})
