// Noticing accounts that moved away. An account's DID document is the user's:
// pointed at another PDS (by the new PDS through submitPlcOperation, or with
// the user's own rotation key), it no longer names this server, and this
// server must stop signing commits for it. The account is then marked moved
// and deactivated (AccountService.markMoved), and #account tells relays. Any
// of our PDS hosts' endpoints is "this server": an account switched to its
// domain's own host (HostSwitches) has not left.
//
// Seen three ways: when the account's identity is refreshed
// (com.atproto.identity.refreshIdentity), on demand (host.primal.pds.checkIdentity,
// `primal-pds identity check`), and by following the PLC directory's export
// (a background job): every op of a DID we host is looked at, and a DID whose
// op no longer names us is checked against its latest op before it is marked.
// One process at a time follows the export, under a lease kept with its cursor
// in the management database. did:web accounts are checked through the
// resolver, on refresh and on demand only (no directory logs them).
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { getPdsEndpoint, getSigningDidKey } from '@atproto/common-web'
import { XRPCError } from '@atproto/xrpc-server'
import type * as plc from '@did-plc/lib'
import type { PlcFollowConfig } from '../config/config.js'
import type { ExternalIdentityResolver } from '../identity/external-resolver.js'
import type { PlcService } from '../identity/plc-service.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { isAccountMoving } from '../lib/unavailable.js'
import type { LocatedAccount, TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import type { AccountService } from './account-service.js'

/** The feed's row in `plc_follow`. */
const FEED = 'plc_export'
/** How long a process holds the export between pages before another may take it over. */
const LEASE_MS = 5 * 60 * 1000
/**
 * Where the export is first read from: a little before now (the directory's
 * clock may be behind ours). Ops before that are history: an account that
 * left before this server followed the export is noticed when checked.
 */
const FIRST_CURSOR_BACK_MS = 10 * 60 * 1000

export type DepartureCheck = {
  did: string
  /** Whether the DID document names this server (its endpoint and the account's key); null: no directory to ask. */
  namesUs: boolean | null
  /** Set while the account is marked moved. */
  movedAt: string | null
  /** Whether this check is what marked it. */
  newlyMoved: boolean
}

export type FollowReport = {
  /** Ops read from the export. */
  ops: number
  /** Hosted DIDs among them checked at the directory. */
  checked: number
  /** DIDs newly marked moved. */
  moved: string[]
  /** Where the export is now. */
  cursor: string | null
  /** True when another process was reading the export: this run read nothing. */
  busy: boolean
}

export type DeparturesDeps = {
  storage: Storage
  registry: TenantRegistry
  accounts: AccountService
  plc: PlcService
  external: Pick<ExternalIdentityResolver, 'didDoc'>
  config: PlcFollowConfig
  logger: Logger
}

export class Departures implements BackgroundJob {
  readonly name = 'plc-departures'
  private timer?: NodeJS.Timeout
  private running?: Promise<FollowReport>
  /** Who holds the export's lease: this process, told apart from others on this host and restarts of it. */
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`.slice(0, 128)

  constructor(private readonly deps: DeparturesDeps) {}

  /** Whether the export is followed on a timer: a directory is configured and the interval is not 0. */
  get following(): boolean {
    return this.deps.plc.publishing && this.deps.config.intervalSeconds > 0
  }

  start(): void {
    if (this.timer || !this.following) return
    this.timer = setInterval(() => {
      this.follow().catch((err) => this.deps.logger.warn({ err }, 'following the PLC export failed'))
    }, this.deps.config.intervalSeconds * 1000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => {})
  }

  runOnce(): Promise<FollowReport> {
    return this.follow()
  }

  /**
   * Checks one hosted account now: its DID's latest op at the directory (a
   * did:web's document, fetched anew), and marks it moved when that no
   * longer names this server.
   */
  async check(located: LocatedAccount): Promise<DepartureCheck> {
    const { accounts, plc, external } = this.deps
    const signingKey = await accounts.signingKeyOf(located)
    let namesUs: boolean | null = null
    if (located.did.startsWith('did:web:')) {
      const doc = await external.didDoc(located.did, true)
      namesUs = await plc.docNamesUs(getPdsEndpoint(doc), getSigningDidKey(doc), signingKey)
    } else {
      const last = await plc.directoryLastOp(located.db_name, located.did)
      if (last) namesUs = await plc.namesUs(last, signingKey)
    }
    const newlyMoved = namesUs === false && (await accounts.markMoved(located))
    const { moved_at } = await accounts.summary(located)
    return { did: located.did, namesUs, movedAt: moved_at, newlyMoved }
  }

  /** Reads the export from where it was left, one run at a time in this process (concurrent calls share it). */
  follow(): Promise<FollowReport> {
    this.running ??= this.round().finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async round(): Promise<FollowReport> {
    const { storage, plc, config, logger } = this.deps
    if (!plc.publishing) throw new Error('no PLC endpoint configured (plcEndpoint)')
    const feed = storage.managementTransactor.plcFollow
    const report: FollowReport = { ops: 0, checked: 0, moved: [], cursor: null, busy: false }
    const leaseUntil = () => new Date(Date.now() + LEASE_MS)
    const lease = await feed.lease(FEED, this.owner, new Date(), leaseUntil())
    if (!lease) {
      report.busy = true
      report.cursor = await feed.cursor(FEED)
      return report
    }
    try {
      let cursor = lease.cursor ?? new Date(Date.now() - FIRST_CURSOR_BACK_MS).toISOString()
      report.cursor = cursor
      for (let page = 0; page < config.maxPagesPerRun; page++) {
        const ops = await plc.exportOps(cursor, config.pageSize)
        if (ops.length === 0) break
        report.ops += ops.length
        await this.checkPage(ops, report)
        cursor = nextCursor(cursor, ops[ops.length - 1]?.createdAt)
        report.cursor = cursor
        if (!(await feed.advance(FEED, this.owner, cursor, leaseUntil()))) {
          logger.warn('the PLC export lease lapsed: another process goes on from here')
          return report
        }
        if (ops.length < config.pageSize) break
      }
      if (lease.cursor === null) await feed.advance(FEED, this.owner, cursor, leaseUntil())
    } finally {
      await feed.release(FEED, this.owner).catch(() => {})
    }
    if (report.moved.length > 0) logger.info({ moved: report.moved }, 'accounts moved away, seen at the PLC directory')
    return report
  }

  /**
   * The hosted DIDs among a page's ops whose latest op there no longer names
   * us are checked against the directory's latest op (a later page may name
   * us again), and marked moved if that does not either.
   */
  private async checkPage(ops: plc.ExportedOp[], report: FollowReport): Promise<void> {
    const latest = new Map<string, plc.ExportedOp>()
    for (const op of ops) if (!op.nullified) latest.set(op.did, op)
    const homes = await this.deps.registry.findHomes([...latest.keys()])
    for (const home of homes) {
      const op = latest.get(home.did)
      if (!op) continue
      try {
        const signingKey = await this.deps.accounts.signingKeyOf(home)
        if (await this.deps.plc.namesUs(op.operation, signingKey)) continue
        report.checked++
        const checked = await this.check(home)
        if (checked.newlyMoved) report.moved.push(home.did)
      } catch (err) {
        // One account that cannot be marked now must not hold the export back for every other: one
        // moving between our domains (its move notices the departure as it finishes), or one deleted
        // since its home was read (its row goes before its home).
        if (isAccountGone(err)) continue
        if (!isAccountMoving(err)) throw err
        this.deps.logger.info({ did: home.did }, 'a departure seen while the account moves between domains')
      }
    }
  }
}

/**
 * Where the next export page starts after one that ended at `lastCreatedAt`:
 * a millisecond before it, since the directory's `after` is exclusive and
 * several ops can share a timestamp (an op read twice is checked twice, to no
 * effect); at it when that would not move on, so a page of ops all of one
 * millisecond cannot be read forever.
 */
export function nextCursor(cursor: string, lastCreatedAt: string | undefined): string {
  if (!lastCreatedAt) return cursor
  const before = new Date(Date.parse(lastCreatedAt) - 1).toISOString()
  return Number.isNaN(Date.parse(lastCreatedAt)) || before <= cursor ? lastCreatedAt : before
}

/** The account's row is gone (deleted since its home was read). */
function isAccountGone(err: unknown): boolean {
  return err instanceof XRPCError && err.customErrorName === 'AccountNotFound'
}
