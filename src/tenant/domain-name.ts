// What a tenant domain may be, and the database (or schema) name it maps to.
// The name reaches SQL as an identifier, so it is built from [a-z0-9_] only.
import { createHash } from 'node:crypto'
import { isValidHandle } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'

/** TLDs that never resolve on the public internet (the handle spec's list). */
const RESERVED_TLDS = new Set(['alt', 'arpa', 'example', 'internal', 'invalid', 'local', 'localhost', 'onion'])

/** Returns the normalized (lower-case) domain or throws InvalidRequest saying why. */
export function normalizeDomain(input: unknown): string {
  if (typeof input !== 'string' || input.length === 0) {
    throw new InvalidRequestError('domain is required')
  }
  const domain = input.trim().toLowerCase().replace(/\.$/, '')
  // Domain syntax is handle syntax: labels of [a-z0-9-], no leading or trailing
  // hyphen, at most 63 characters each and 253 in all, and a TLD that does not
  // start with a digit, which also rules out IP addresses.
  if (!isValidHandle(domain)) {
    throw new InvalidRequestError(`invalid domain name: ${JSON.stringify(input).slice(0, 300)}`)
  }
  const tld = domain.slice(domain.lastIndexOf('.') + 1)
  if (RESERVED_TLDS.has(tld)) {
    throw new InvalidRequestError(`domain uses a reserved top-level domain: .${tld}`)
  }
  return domain
}

/**
 * The tenant's database name: `<prefix><domain with non [a-z0-9] as _>`.
 * Postgres identifiers hold 63 bytes; a longer name keeps its start and ends
 * with a hash of the whole domain, so it stays unique and recognisable.
 */
export function tenantDbName(prefix: string, domain: string): string {
  const name = prefix + domain.replace(/[^a-z0-9]/g, '_')
  if (name.length <= 63) return name
  const hash = createHash('sha256').update(domain).digest('hex').slice(0, 10)
  return `${name.slice(0, 63 - hash.length - 1)}_${hash}`
}
