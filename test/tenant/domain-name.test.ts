import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normalizeDomain, tenantDbName } from '../../src/tenant/domain-name.js'

test('domains are lower-cased and a trailing dot dropped', () => {
  assert.equal(normalizeDomain('Example.COM.'), 'example.com')
  assert.equal(normalizeDomain('xn--bcher-kva.example'.replace('.example', '.de')), 'xn--bcher-kva.de')
})

test('database names are prefix + domain with non-alphanumerics as underscores', () => {
  assert.equal(tenantDbName('primal_pds_', 'example.com'), 'primal_pds_example_com')
  assert.equal(tenantDbName('primal_pds_', 'my-shop.co.uk'), 'primal_pds_my_shop_co_uk')
})

test('long domains get a hashed database name that fits a Postgres identifier and stays unique', () => {
  const a = `${'a'.repeat(60)}.example.com`
  const b = `${'a'.repeat(60)}.example.net`
  const na = tenantDbName('primal_pds_', a)
  const nb = tenantDbName('primal_pds_', b)
  assert.ok(na.length <= 63 && nb.length <= 63)
  assert.match(na, /^primal_pds_a+_[0-9a-f]{10}$/)
  assert.notEqual(na, nb)
})
