// Reading the agent platform's indexes across tenants: each index row lives
// in its author's tenant, so a list that spans accounts (a search, an inbox,
// the directory) asks each tenant for its best page and merges them. Pages
// resume from an opaque cursor holding the sort key of the last row sent.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { Logger } from '../lib/logger.js'
import type { Domain, TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import type { TenantReader } from '../storage/tenant/tenant-store.js'
import { clean } from './search/indexed-record.js'

/** What a fan-out needs of a tenant: its name (for logs) and database. */
export type Tenant = Pick<Domain, 'name' | 'db_name'>

export type TenantFanOutDeps = { storage: Storage; registry: TenantRegistry; logger: Logger }

/** Tenants queried at once by a service-wide read: a fraction of the tenant connection budget. */
const FANOUT = 4

/** DIDs whose homes one query looks up. */
const HOMES_PER_QUERY = 1000

export class TenantFanOut {
  constructor(private readonly deps: TenantFanOutDeps) {}

  /** The active tenants. */
  async active(): Promise<Domain[]> {
    return (await this.deps.registry.listDomains()).filter((d) => d.status === 'active')
  }

  /** One active tenant by its domain name, or DomainNotFound. */
  async named(name: string): Promise<Domain> {
    const domain = await this.deps.registry.activeDomain(name.trim().toLowerCase().replace(/\.$/, ''))
    if (!domain) throw new InvalidRequestError(`Domain not found: ${name.slice(0, 253)}`, 'DomainNotFound')
    return domain
  }

  /** `domain` when given (DomainNotFound if it is not ours), else every active tenant. */
  async scope(domain: string | undefined): Promise<Domain[]> {
    return domain === undefined ? this.active() : [await this.named(domain)]
  }

  /** The tenants that hold these accounts (each once); accounts not hosted here are left out. */
  async homesOf(dids: Iterable<string>): Promise<Tenant[]> {
    const unique = [...new Set(dids)]
    const tenants = new Map<string, Tenant>()
    // One query per page of DIDs, not one per DID.
    for (let i = 0; i < unique.length; i += HOMES_PER_QUERY) {
      const homes = await this.deps.registry.findHomes(unique.slice(i, i + HOMES_PER_QUERY))
      for (const r of homes) tenants.set(r.db_name, { name: r.domain, db_name: r.db_name })
    }
    return [...tenants.values()]
  }

  /**
   * Runs fn on each tenant, FANOUT at a time. When not strict (service-wide),
   * a tenant that fails (its database down, or just removed) is logged and
   * left out rather than failing the whole read; strict, its error is the answer.
   */
  async run<T>(tenants: Tenant[], strict: boolean, fn: (t: TenantReader, tenant: Tenant) => Promise<T>): Promise<T[]> {
    const results: T[] = []
    let next = 0
    const worker = async () => {
      while (next < tenants.length) {
        const d = tenants[next++]
        try {
          results.push(await this.deps.storage.read(d.db_name, (t) => fn(t, d)))
        } catch (err) {
          if (strict) throw err
          this.deps.logger.warn({ err, tenant: d.name }, 'a read across tenants left out a tenant that failed')
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(FANOUT, tenants.length) }, worker))
    return results
  }
}

/** A page's cursor: the sort key of its last row, opaque to clients. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url')
}

/**
 * The sort key a cursor holds, checked against the kinds expected ('s' a
 * string of at most 2048 characters, 'n' a safe integer), or 400 Malformed cursor.
 */
export function decodeCursor(cursor: string, kinds: ('s' | 'n')[]): (string | number)[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  const fits = (v: unknown, kind: 's' | 'n') =>
    kind === 's' ? typeof v === 'string' && v.length <= 2048 && clean(v) === v : Number.isSafeInteger(v)
  if (Array.isArray(parsed) && parsed.length === kinds.length && kinds.every((k, i) => fits(parsed[i], k))) {
    return parsed as (string | number)[]
  }
  throw new InvalidRequestError('Malformed cursor')
}

/** A page of `limit` from rows merged across tenants, already in order: one more than a page means a next one. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => (string | number)[],
): { rows: R[]; cursor?: string } {
  const page = rows.slice(0, limit)
  const last = page[page.length - 1]
  return { rows: page, cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : undefined }
}

/**
 * Descending order of strings as SQL's collate "C" orders them: by UTF-8
 * bytes, which is code point order. JavaScript's < compares UTF-16 code
 * units, which disagrees for characters past U+FFFF against U+E000–U+FFFF
 * (an emoji in a name), and a merged page would then skip or repeat a row.
 */
export function desc(a: string, b: string): number {
  if (a === b) return 0
  return Buffer.compare(Buffer.from(b, 'utf8'), Buffer.from(a, 'utf8'))
}
