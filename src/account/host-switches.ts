// Moving a domain's accounts onto the domain's PDS host (its pds_hostname,
// or the service host when it has none) after the host changed. One account
// at a time, each step safe to repeat: (a) its DID document names the new
// endpoint (an op signed with our rotation key, published and logged as a
// handle change's), (b) its home says the new host, so its events go to that
// host's stream from the next one sequenced, (c) #identity then #sync on the
// new host tell relays, and the home is marked announced. An account whose
// op the directory refuses, or that the directory cannot be asked about,
// stays where it is and is tried again on a later run, with backoff; one our
// rotation key can no longer change is logged and left to its user. One
// process switches at a time (an advisory lock), on a timer, when woken by a
// change of host, and at start (a switch a crash cut short is finished).
import { backoffDelay } from '../identity/backoff.js'
import { PlcUnchangeableError } from '../identity/plc-service.js'
import type { BackgroundJob } from '../lib/jobs.js'
import { Ticker } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { isAccountMoving } from '../lib/unavailable.js'
import type { Domain, LocatedAccount, TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import { accountState } from '../storage/tenant/account-store.js'
import { outbox } from '../sync/outbox.js'
import { refuseWhileMoving } from './account-moves.js'
import type { AccountService } from './account-service.js'

/** The advisory lock key of the host switch ("prsh"). */
const HOST_SWITCH_LOCK = 0x70727368
/** Homes read at a time. */
const BATCH = 100
/** The longest an account that failed waits for its next try. */
const MAX_BACKOFF_MS = 30 * 60 * 1000

/** What HostSwitches needs of PdsHosts (src/tenant/pds-hosts.ts, a layer it may not import). */
export type HostEndpoints = {
  /** The endpoint of a host (null: the service host). */
  endpointOf(host: string | null): string
  /** How relays know a host: host[:port] of its endpoint. */
  hostnameOf(host: string | null): string
  /** Forgets the cached hosts: accounts changed host. */
  forget(): void
}

export type HostSwitchesDeps = {
  storage: Storage
  registry: TenantRegistry
  accounts: Pick<AccountService, 'setPdsEndpoint' | 'recentHomes'>
  hosts: HostEndpoints
  /** Told after a run moved accounts: a host the last account left stops being routed. */
  switched?: () => void
  /** Tells the sequencer that an outbox has new rows. */
  outboxWritten: (source: string) => void
  /** Asks the relays to crawl a host (host[:port]); resolves when each accepted or gave up. */
  announceHost?: (hostname: string) => Promise<void>
  /** The longest the first account of a host waits for the relays to be asked. */
  announceWaitMs: number
  /** How often the job runs on its own; also the first wait of an account that failed. */
  intervalMs: number
  logger: Logger
}

export type SwitchReport = {
  /** Accounts now on their domain's host and announced there. */
  switched: string[]
  /** Accounts whose op failed (refused, or the directory unreachable): tried again later. */
  failed: { did: string; error: string }[]
  /** Accounts our rotation key can no longer change, or moving between domains: left as they are. */
  skipped: string[]
  /** Another process was switching: this run did nothing. */
  busy: boolean
}

export class HostSwitches implements BackgroundJob {
  readonly name = 'host-switches'
  private readonly ticker: Ticker
  private running?: Promise<SwitchReport>
  /** Woken while a run was under way: one more run after it. */
  private again = false
  private stopped = false
  /** Aborted on stop: cuts short the wait for the relays. */
  private readonly stopping = new AbortController()
  /** Hosts the relays were asked to crawl by this process. */
  private readonly announced = new Set<string>()
  /** Accounts whose op failed: how often, and not before when they are tried again on the timer. */
  private readonly backoff = new Map<string, { failures: number; notBefore: number }>()

  constructor(private readonly deps: HostSwitchesDeps) {
    this.ticker = new Ticker(
      () => this.run(true),
      (err) => deps.logger.warn({ err }, 'switching accounts to their PDS host failed'),
    )
  }

  /** Starts the timer, and a run now: a switch a crash or a restart cut short goes on. */
  start(): void {
    this.ticker.start(this.deps.intervalMs)
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.stopping.abort()
    await this.ticker.stop()
    await this.running?.catch(() => {})
  }

  /** A domain's host changed: a run now (after the one under way), every account tried. */
  wake(): void {
    if (this.stopped) return
    this.run(false).catch((err) => this.deps.logger.warn({ err }, 'switching accounts to their PDS host failed'))
  }

  /** A run of its own once the one under way ended, every account tried whatever its backoff. */
  async runOnce(): Promise<SwitchReport> {
    while (this.running) await this.running.catch(() => {})
    return this.run(false)
  }

  /** One run at a time; `patient` (the timer's) leaves accounts in backoff alone. */
  private run(patient: boolean): Promise<SwitchReport> {
    if (this.running) {
      if (!patient) this.again = true
      return this.running
    }
    this.running = this.round(patient).finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.wake()
      }
    })
    return this.running
  }

  private async round(patient: boolean): Promise<SwitchReport> {
    const { storage, registry, logger } = this.deps
    const report: SwitchReport = { switched: [], failed: [], skipped: [], busy: false }
    // Most runs find nothing to do: they ask for no lock (a connection of its own) then.
    const pending = await registry.domainsOffHost()
    if (pending.length === 0) return report
    const leadership = await storage.coordination.tryLead(HOST_SWITCH_LOCK)
    if (!leadership) {
      report.busy = true
      return report
    }
    let lost = false
    void leadership.lost.then(() => {
      lost = true
    })
    try {
      for (const domain of pending) {
        if (this.stopped || lost) break
        // Read again under the lock: its host may have changed since.
        const now = await registry.activeDomain(domain)
        if (now) await this.switchDomain(now, patient, report, () => this.stopped || lost)
      }
    } finally {
      await leadership.release().catch(() => {})
    }
    if (report.switched.length > 0) {
      this.deps.hosts.forget()
      this.deps.switched?.()
      logger.info({ switched: report.switched.length, failed: report.failed.length }, 'accounts switched PDS host')
    }
    return report
  }

  /** Moves every account of `domain` not on its host yet (or not announced there), one at a time. */
  private async switchDomain(domain: Domain, patient: boolean, report: SwitchReport, halted: () => boolean) {
    const host = domain.pds_hostname
    // Accounts this run has seen: those it leaves where they are are read again, and passed over.
    const seen = new Set<string>()
    for (;;) {
      // The host may change while a run goes on (here or in another process): accounts go to the one set
      // now, and a run that finds it changed stops; the change woke another run, which takes it from here.
      const now = await this.deps.registry.activeDomain(domain.name)
      if (now?.pds_hostname !== host) return
      const homes = (await this.deps.registry.homesOffHost(domain.name, host, BATCH + seen.size)).filter(
        (h) => !seen.has(h.did),
      )
      if (homes.length === 0 || halted()) return
      await this.announce(host, domain.name)
      for (const home of homes) {
        if (halted()) return
        seen.add(home.did)
        const tried = this.backoff.get(home.did)
        if (patient && tried && tried.notBefore > Date.now()) continue
        await this.switchAccount({ ...home, db_name: domain.db_name }, host, report)
      }
    }
  }

  /** Asks the relays to crawl `host` before its first account goes there (once per process), for a bounded time. */
  private async announce(host: string | null, domain: string): Promise<void> {
    const { announceHost, announceWaitMs, logger } = this.deps
    const hostname = this.deps.hosts.hostnameOf(host)
    if (!announceHost || this.announced.has(hostname)) return
    this.announced.add(hostname)
    let timer: NodeJS.Timeout | undefined
    const outcome = await Promise.race([
      announceHost(hostname).then(
        () => 'asked' as const,
        (err) => {
          logger.warn({ err, hostname }, 'asking relays to crawl a PDS host failed')
          return 'failed' as const
        },
      ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), announceWaitMs)
      }),
      // Stopping: no account is switched after this, so there is nothing to wait for.
      new Promise<'stopped'>((resolve) => {
        if (this.stopping.signal.aborted) resolve('stopped')
        this.stopping.signal.addEventListener('abort', () => resolve('stopped'), { once: true })
      }),
    ]).finally(() => clearTimeout(timer))
    if (outcome === 'timeout') {
      logger.warn(
        { hostname, tenant: domain, waitedMs: announceWaitMs },
        'relays not done with the new PDS host; switching anyway',
      )
    }
  }

  /** Steps (a) to (c) for one account; a failure is logged and reported, and the account stays for a later run. */
  private async switchAccount(home: LocatedAccount, host: string | null, report: SwitchReport): Promise<void> {
    const { storage, registry, accounts, logger } = this.deps
    const did = home.did
    try {
      const row = await storage.read(home.db_name, (t) => t.accounts.summary(did))
      if (!row) {
        logger.warn({ did, tenant: home.domain }, 'a home with no account row: not switched')
        report.skipped.push(did)
        return
      }
      // An account that left us has a DID document that is no longer ours to change, and no events on any host.
      const departed = row.moved_at !== null
      // On the host already: (a) was done before (b), and only (c) is left.
      if (!departed && home.pds_host !== host) await accounts.setPdsEndpoint(home, this.deps.hosts.endpointOf(host))
      const moved = await registry.setHomeHost(did, home.domain, host)
      // This process's memory of the home names the old host; other processes' lapses within a minute.
      accounts.recentHomes.forget(did)
      if (!moved) {
        // The account moved to another domain meanwhile: that domain's host is its own now.
        report.skipped.push(did)
        return
      }
      if (!departed) {
        await storage.transact(home.db_name, async (tx) => {
          // The repo's write lock first, as a commit takes it: the #sync below names the head, and a commit
          // racing it is stored (and its event numbered) after this transaction, never before with the
          // #sync naming the head it replaced.
          await tx.repo.lockForCommit(did)
          await refuseWhileMoving(tx, did)
          const now = (await tx.accounts.summary(did)) ?? row
          await outbox.identity(tx, did, now.handle)
          const state = accountState(now)
          // The new host's stream says the account is not active before it carries its repo.
          if (state !== 'active') await outbox.account(tx, did, state)
          await outbox.resync(tx, did)
        })
        this.deps.outboxWritten(home.db_name)
      }
      await registry.hostAnnounced(did, host)
      this.backoff.delete(did)
      report.switched.push(did)
      logger.info({ did, tenant: home.domain, host: host ?? '(service host)' }, 'account switched PDS host')
    } catch (err) {
      // Either way the timer's runs leave the account alone for a while: each try costs a directory lookup.
      const { failures, delayMs } = this.backOff(did)
      if (err instanceof PlcUnchangeableError) {
        logger.error({ did, tenant: home.domain, reason: err.message }, 'account cannot be switched to its PDS host')
        report.skipped.push(did)
      } else if (isAccountMoving(err)) {
        // The move lands it in another domain, whose host it takes from there.
        report.skipped.push(did)
      } else {
        const reason = (err as Error).message
        logger.warn(
          { did, tenant: home.domain, reason, failures, retryInMs: delayMs },
          'switching an account to its PDS host failed',
        )
        report.failed.push({ did, error: reason })
      }
    }
  }

  /** Counts one more failure of the account, and says when the timer's runs may try it again. */
  private backOff(did: string): { failures: number; delayMs: number } {
    const failures = (this.backoff.get(did)?.failures ?? 0) + 1
    const delayMs = backoffDelay(
      { attempts: 0, initialDelayMs: this.deps.intervalMs, maxDelayMs: MAX_BACKOFF_MS },
      failures,
    )
    this.backoff.set(did, { failures, notBefore: Date.now() + delayMs })
    return { failures, delayMs }
  }
}
