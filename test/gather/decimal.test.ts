// Money as decimal strings: parsed exactly or not at all, compared by value
// ("1.0" is "1"), summed in integers (no float artefacts), written shortest.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatDecimal, parseDecimal, sameDecimal, sumOfLines } from '../../src/gather/shop/decimal.js'

const d = (s: string) => {
  const parsed = parseDecimal(s)
  assert.ok(parsed, s)
  return parsed
}

test('only plain decimal strings parse', () => {
  for (const bad of ['', '.5', '1.', '-1', '+1', '1e3', ' 1', '1 ', '0x10', '1,5', '١', '1'.repeat(33)]) {
    assert.equal(parseDecimal(bad), undefined, JSON.stringify(bad))
  }
  for (const bad of [1, null, undefined, {}]) assert.equal(parseDecimal(bad), undefined)
  assert.deepEqual(parseDecimal('0.0003'), { units: 3n, scale: 4 })
})

test('equal by value, whatever the trailing zeros', () => {
  assert.ok(sameDecimal(d('1.0'), d('1')))
  assert.ok(sameDecimal(d('0.50'), d('0.5000')))
  assert.ok(!sameDecimal(d('0.5'), d('0.05')))
})

test('sums are exact and written shortest', () => {
  const tenths = sumOfLines([{ quantity: 3, unitPrice: d('0.1') }])
  assert.ok(sameDecimal(tenths, d('0.3')))
  assert.ok(!sameDecimal(tenths, d('0.30000000000000004')))
  assert.equal(formatDecimal(sumOfLines([{ quantity: 3, unitPrice: d('0.0001') }])), '0.0003')
  assert.equal(formatDecimal(sumOfLines([{ quantity: 2, unitPrice: d('0.50') }])), '1')
  const huge = sumOfLines([{ quantity: 1_000_000, unitPrice: d('99999999999999999999.123456789') }])
  assert.equal(formatDecimal(huge), '99999999999999999999123456.789')
  assert.equal(formatDecimal(sumOfLines([])), '0')
})
