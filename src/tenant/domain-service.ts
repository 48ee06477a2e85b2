// Tenants: adding a domain creates its database, migrates it and creates its
// owner; removing one drops it all. The domain row is written first (state
// `creating`) and deleted last, so a database of ours never exists without
// a row saying so, and an interrupted add or remove is finished by a retry
// or by the start-up sweep: never a half tenant. A domain may also be a PDS
// host of its own (setPdsHostname): its accounts follow it there (HostSwitches).

import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AccountService, CreatedAccount } from '../account/account-service.js'
import type { Logger } from '../lib/logger.js'
import { type Domain, isUniqueViolation, type TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import { outbox } from '../sync/outbox.js'
import { MANAGEMENT_SOURCE } from '../sync/sequencer.js'
import { normalizeDomain, tenantDbName } from './domain-name.js'

export type AddDomainInput = {
  domain: unknown
  ownerHandle?: string
  ownerEmail?: string
  ownerPassword?: string
  /** Whether sign-up needs an invite code; absent: the config's default. */
  inviteRequired?: boolean
}

export type DomainServiceDeps = {
  storage: Storage
  registry: TenantRegistry
  accounts: AccountService
  /** Tells the sequencer that an outbox ('' for the management one) has new rows. */
  outboxWritten: (source: string) => void
  logger: Logger
  /** The service host's name (the serviceURL's, no port): no domain's own host may take it. */
  serviceHostname: string
  /** Called after a domain was added or removed, or its PDS host changed (routing, relays and its accounts follow). */
  onChange?: (change: DomainChange, domain: string) => Promise<void>
}

export type DomainChange = 'added' | 'removed' | 'host'

export class DomainService {
  constructor(private readonly deps: DomainServiceDeps) {}

  list(): Promise<Domain[]> {
    return this.deps.registry.listDomains()
  }

  async add(input: AddDomainInput): Promise<{ domain: Domain; owner: CreatedAccount }> {
    const { storage, registry, accounts, logger } = this.deps
    const name = normalizeDomain(input.domain)
    const dbName = tenantDbName(storage.tenantPrefix, name)
    const existing = await registry.getDomain(name)
    if (existing?.status === 'active') {
      throw new InvalidRequestError(`Domain already exists: ${name}`, 'DomainAlreadyExists')
    }
    // A row not active is an add or remove that was cut short: finish tearing it down, then start over.
    if (existing) await this.teardown(existing)
    await this.assertAvailable(name, dbName)
    try {
      await registry.insertCreatingDomain(name, dbName)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      throw new InvalidRequestError(`Domain is being added concurrently: ${name}`, 'DomainAlreadyExists')
    }
    if (input.inviteRequired !== undefined) await registry.setInviteRequired(name, input.inviteRequired)
    const domain = (await registry.getDomain(name)) as Domain
    let owner: CreatedAccount
    try {
      await storage.createTenantDb(dbName)
      await storage.migrateTenant(dbName)
      // A name used before: its new outbox ids must not collide with events already sequenced.
      await outbox.continueIds(storage, dbName)
      owner = await accounts.create(
        {
          handle: input.ownerHandle ?? `admin.${name}`,
          email: input.ownerEmail,
          password: input.ownerPassword,
          role: 'owner',
          // Only the admin key adds domains, and the default owner handle is admin.<domain>.
          allowReserved: true,
        },
        domain,
      )
      await registry.setDomainStatus(name, 'active')
      // The owner's events waited in the outbox while the domain was not active yet.
      this.deps.outboxWritten(dbName)
      logger.info({ tenant: name, dbName: dbName }, 'domain added')
    } catch (err) {
      await this.teardown(domain).catch((cleanupErr) =>
        logger.error({ err: cleanupErr, tenant: name }, 'cleanup after failed addDomain failed; a retry finishes it'),
      )
      throw err
    }
    // The domain exists now: what follows it (routing, relays) cannot undo it.
    await this.deps.onChange?.('added', name)
    return { domain: { ...domain, status: 'active' }, owner }
  }

  async remove(input: unknown): Promise<void> {
    const name = normalizeDomain(input)
    const domain = await this.deps.registry.getDomain(name)
    if (!domain) throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
    await this.deps.registry.setDomainStatus(name, 'removing')
    await this.teardown(domain)
    this.deps.logger.info({ tenant: name }, 'domain removed')
    await this.deps.onChange?.('removed', name)
  }

  /**
   * Makes `input` (a hostname; '' for the service host) the domain's own PDS
   * host. Refused (HostnameInUse) when it is the service host's name, a
   * domain of another tenant or under one, an account's handle, or another
   * domain's host. The accounts follow it through onChange('host'). False
   * when it was the domain's host already.
   */
  async setPdsHostname(name: string, input: string): Promise<boolean> {
    const { registry, logger } = this.deps
    const domain = await registry.activeDomain(name)
    if (!domain) throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
    const wanted = input.trim().toLowerCase().replace(/\.$/, '')
    // Before the syntax check: a service host such as localhost is no valid domain, and the clash is what to say.
    if (wanted === this.deps.serviceHostname) {
      throw new InvalidRequestError(`${wanted} is the service's own host`, 'HostnameInUse')
    }
    const host = wanted === '' ? null : normalizeDomain(wanted)
    if (host === domain.pds_hostname) return false
    if (host !== null) await this.assertHostAvailable(name, host)
    try {
      await registry.setPdsHostname(name, host)
    } catch (err) {
      if (!isUniqueViolation(err)) throw err
      throw new InvalidRequestError(`Another domain's PDS host is ${host}`, 'HostnameInUse')
    }
    logger.info({ tenant: name, pdsHostname: host, was: domain.pds_hostname }, 'domain PDS host changed')
    await this.deps.onChange?.('host', name)
    return true
  }

  /** The most events per second the domain's host's firehose sends a subscriber (0: the server's default). */
  async setFirehosePace(name: string, eventsPerSecond: number): Promise<void> {
    const pace = eventsPerSecond > 0 ? eventsPerSecond : null
    const domain = await this.deps.registry.activeDomain(name)
    if (!domain) throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
    if (domain.firehose_events_per_second === pace) return
    await this.deps.registry.setFirehosePace(name, pace)
    this.deps.logger.info({ tenant: name, firehoseEventsPerSecond: pace }, 'domain firehose pace changed')
  }

  private async assertHostAvailable(name: string, host: string): Promise<void> {
    const { registry } = this.deps
    const container = await registry.domainContaining(host)
    if (container && container.name !== name) {
      throw new InvalidRequestError(
        host === container.name ? `${host} is another domain` : `${host} is under another domain, ${container.name}`,
        'HostnameInUse',
      )
    }
    if (await registry.handleTaken(host)) {
      throw new InvalidRequestError(`An account already uses ${host} as its handle`, 'HostnameInUse')
    }
  }

  /**
   * Start-up sweep: finishes removals and undoes additions that a crash cut
   * short. `staleAfter` keeps it off additions another process is making now.
   */
  async recoverInterrupted(staleAfter: Date): Promise<number> {
    let fixed = 0
    for (const d of await this.deps.registry.listDomains()) {
      const stale = d.updated_at < staleAfter.toISOString()
      if (d.status === 'removing' || (d.status === 'creating' && stale)) {
        await this.teardown(d)
        this.deps.logger.warn({ tenant: d.name, status: d.status }, 'interrupted domain change cleaned up')
        fixed++
      }
    }
    return fixed
  }

  private async assertAvailable(name: string, dbName: string): Promise<void> {
    const { registry, storage } = this.deps
    if (await registry.handleTaken(name)) {
      throw new InvalidRequestError(`An account already uses this name as its handle: ${name}`, 'DomainNotAvailable')
    }
    const clash = await registry.getDomainByDbName(dbName)
    if (clash) {
      throw new InvalidRequestError(
        `${name} would share the database ${dbName} with ${clash.name}`,
        'DatabaseNameCollision',
      )
    }
    if (await storage.tenantDbExists(dbName)) {
      throw new InvalidRequestError(
        `A database named ${dbName} exists but belongs to no domain; refusing to adopt it`,
        'DatabaseNameCollision',
      )
    }
  }

  /** Drops the store, then the rows: each step may run again safely. */
  private async teardown(domain: Domain): Promise<void> {
    if (domain.status !== 'creating') await this.handOverEvents(domain)
    await this.deps.storage.dropTenantDb(domain.db_name)
    // Before the homes go: they name whose OAuth grants end with the domain.
    await this.deps.storage.managementTransactor.oauth.revokeDomain(domain.name)
    await this.deps.registry.deleteDomain(domain.name)
    this.deps.accounts.recentHomes.forgetAll()
  }

  /** Hands the tenant's pending events to the management outbox, and tells the sequencer. */
  private async handOverEvents(domain: Domain): Promise<void> {
    if (await outbox.handOver(this.deps.storage, domain)) this.deps.outboxWritten(MANAGEMENT_SOURCE)
  }
}
