// Request and write budgets: per client IP for every request, for the
// agent-facing surface and for registration; per account for writes (tiered:
// new agents, trusted agents and domain managers, other accounts); per
// account for logins, whichever IP they come from. Fixed
// windows, counted in the management database on Postgres (so every replica
// spends one budget) and in memory on the embedded database (one process).
// Writes and registrations are charged only when accepted: a unit is taken
// before (so a burst cannot overspend) and given back when they are refused.
// The answers follow the official PDS: 429 RateLimitExceeded with
// RateLimit-Limit/-Remaining/-Reset/-Policy headers.
import type { ServerResponse } from 'node:http'
import { ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { RateLimitRule, RateLimitsConfig } from '../config/config.js'
import type { RateLimitTransactor } from '../storage/management/rate-limit-store.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'

/**
 * Per-IP budgets by name: every request to the service, the agent surface
 * (is.gather.* XRPC, /discover and /mcp share it), registration, and password
 * resets (requestPasswordReset and resetPassword, which anyone may call).
 */
export type IpBucket = 'service' | 'agent' | 'registration' | 'passwordReset'

export type WriteTier = 'newAgent' | 'trustedAgent' | 'account'

/**
 * Logins by password (createSession), and agent login challenges: budgets
 * apart, so guessing at an agent's password never holds up its key's logins.
 */
export type LoginKind = 'password' | 'agent'

/** Where RateLimit-* headers go: a ServerResponse, or the header list of a raw HTTP answer. */
export type HeaderTarget = {
  getHeader(name: string): unknown
  setHeader(name: string, value: string | number): unknown
}

export type LimitStatus = { limit: number; remaining: number; resetAt: number; windowSeconds: number }

/** A spent budget: the 429 the client gets, with the status its RateLimit-* headers show. */
export class RateLimitExceededError extends XRPCError {
  constructor(readonly status: LimitStatus) {
    super(
      ResponseType.RateLimitExceeded,
      `Rate limit exceeded: ${status.limit} per ${status.windowSeconds} s; try again after ${new Date(status.resetAt).toISOString()}`,
      'RateLimitExceeded',
    )
  }
}

/** Where windows are counted: takes one unit of `key`'s budget, unless it is spent. */
export interface Counters {
  /** How many the window has used (at most points + 1: a refused request is not counted) and when it ends. */
  take(key: string, rule: RateLimitRule, now: number): Promise<{ used: number; resetAt: number }>
  /**
   * Gives back one unit taken in the window that ends at `resetAt` (nothing
   * once that window has ended); its use after, or undefined when it had ended.
   */
  refund(key: string, rule: RateLimitRule, resetAt: number): Promise<{ used: number; resetAt: number } | undefined>
}

/** The RateLimit-* headers a charge may change, so a refund can show what the client would have seen without it. */
const HEADERS = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'] as const

/** How long an account's tier is remembered before it is read again. */
const TIER_TTL_MS = 60_000
/** Remembered tiers and memory counters kept before the expired are swept. */
const SWEEP_AT = 10_000
/** Database counters: every this many takes, ended windows are deleted. */
const DB_SWEEP_EVERY = 1000

export class RateLimits {
  private readonly tiers = new Map<string, { tier: WriteTier; until: number }>()

  constructor(
    private readonly config: RateLimitsConfig,
    private readonly storage: Storage,
    private readonly counters: Counters = storage.kind === 'postgres'
      ? new DatabaseCounters(storage.managementTransactor.rateLimits)
      : new MemoryCounters(),
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Counts one mail with a code to the account `did` against both its mail
   * budgets; throws RateLimitExceededError when one is spent. Mail anyone may
   * ask for (`anonymous`: a password reset) has budgets of its own, as large,
   * so spending them cannot stop the mail the account itself asks for.
   */
  async consumeMail(did: string, kind: 'account' | 'anonymous' = 'account', res?: ServerResponse): Promise<void> {
    const prefix = kind === 'anonymous' ? 'mail-anon' : 'mail'
    await this.enforce(`${prefix}:${did}`, this.config.mailsPerAccount, res)
    await this.enforce(`${prefix}-daily:${did}`, this.config.mailsPerAccountDaily, res)
  }

  /** Whether a per-IP budget is on at all: callers skip one of 0 points without a call. */
  ipLimited(bucket: IpBucket): boolean {
    return this.ipRule(bucket).points > 0
  }

  /**
   * Counts one request from `ip` against a per-IP budget and returns where it
   * stands (undefined: the budget is off); throws RateLimitExceededError when it is spent.
   */
  async consumeIp(bucket: IpBucket, ip: string | undefined, res?: ServerResponse): Promise<LimitStatus | undefined> {
    return this.enforce(`${bucket}:${ip ?? 'unknown'}`, this.ipRule(bucket), res)
  }

  /**
   * Runs `write` charged to `account`'s write budget (its tier's): throws
   * RateLimitExceededError without running it when the budget is spent, and
   * charges nothing when `write` throws (a refused write).
   */
  async chargeWrite<T>(account: LocatedAccount, res: ServerResponse | undefined, write: () => Promise<T>): Promise<T> {
    const { newAgentWrites, trustedAgentWrites, accountWrites } = this.config
    // Every tier off: not even the account's tier is read.
    if (newAgentWrites.points + trustedAgentWrites.points + accountWrites.points === 0) return write()
    const rule = this.ruleFor(await this.tierOf(account))
    return this.charge(`write:${account.did}`, rule, res, write)
  }

  /** Runs `attempt` charged to a per-IP budget, as chargeWrite does: a refused attempt costs nothing. */
  chargeIp<T>(bucket: IpBucket, ip: string | undefined, res: ServerResponse | undefined, attempt: () => Promise<T>) {
    return this.charge(`${bucket}:${ip ?? 'unknown'}`, this.ipRule(bucket), res, attempt)
  }

  /**
   * Counts one login attempt against both login budgets of `account`: its DID,
   * or (see loginKey) the identifier no account answers to. Throws
   * RateLimitExceededError, before any password is checked, when one is spent.
   */
  async consumeLogin(kind: LoginKind, account: string, res?: ServerResponse): Promise<void> {
    await this.enforce(`login:${kind}:${account}`, this.config.loginsPerAccount, res)
    await this.enforce(`login-daily:${kind}:${account}`, this.config.loginsPerAccountDaily, res)
  }

  private ipRule(bucket: IpBucket): RateLimitRule {
    if (bucket === 'service') return this.config.requestsPerIp
    if (bucket === 'passwordReset') return this.config.passwordResetsPerIp
    return bucket === 'registration' ? this.config.registrationsPerIp : this.config.agentRequestsPerIp
  }

  ruleFor(tier: WriteTier): RateLimitRule {
    if (tier === 'newAgent') return this.config.newAgentWrites
    if (tier === 'trustedAgent') return this.config.trustedAgentWrites
    return this.config.accountWrites
  }

  /** Forget an account's remembered tier (after it was trusted); other processes see it within TIER_TTL_MS. */
  forgetTier(did: string): void {
    this.tiers.delete(did)
  }

  async tierOf(account: LocatedAccount): Promise<WriteTier> {
    const cached = this.tiers.get(account.did)
    if (cached && cached.until > this.now()) return cached.tier
    const row = await this.storage.read(account.db_name, (t) => t.agentKeys.roleAndTrust(account.did))
    let tier: WriteTier = 'account'
    if (row?.agent) tier = row.trusted || row.role !== 'user' ? 'trustedAgent' : 'newAgent'
    if (this.tiers.size >= SWEEP_AT) this.tiers.clear()
    this.tiers.set(account.did, { tier, until: this.now() + TIER_TTL_MS })
    return tier
  }

  /**
   * Takes a unit before `fn` runs, so concurrent calls cannot spend more than
   * the budget, and gives it back if `fn` throws; the headers then show the
   * budget as if it had never been taken.
   */
  private async charge<T>(key: string, rule: RateLimitRule, res: ServerResponse | undefined, fn: () => Promise<T>) {
    const shown = res ? HEADERS.map((h) => res.getHeader(h)) : []
    const taken = await this.enforce(key, rule, res)
    try {
      return await fn()
    } catch (err) {
      // Failing to give a unit back overcharges one write; the refusal is still the answer.
      if (taken) await this.refund(key, rule, taken, res, shown).catch(() => {})
      throw err
    }
  }

  private async refund(key: string, rule: RateLimitRule, taken: LimitStatus, res?: ServerResponse, shown?: unknown[]) {
    const after = await this.counters.refund(key, rule, taken.resetAt)
    if (!after || !res || res.headersSent) return
    HEADERS.forEach((h, i) => {
      const value = shown?.[i]
      if (value === undefined) res.removeHeader(h)
      else res.setHeader(h, value as string | number)
    })
    setHeaders(res, { ...taken, remaining: rule.points - after.used, resetAt: after.resetAt })
  }

  private async enforce(key: string, rule: RateLimitRule, res?: ServerResponse): Promise<LimitStatus | undefined> {
    // Off costs nothing: no counting, no round trip to the database.
    if (rule.points === 0) return undefined
    const { used, resetAt } = await this.counters.take(key, rule, this.now())
    const status = { limit: rule.points, remaining: rule.points - used, resetAt, windowSeconds: rule.windowSeconds }
    if (res && !res.headersSent) setHeaders(res, status)
    if (status.remaining < 0) throw new RateLimitExceededError(status)
    return status
  }
}

/** Longest identifier kept as a budget's key: longer than any handle or email, short enough for a table row. */
const MAX_LOGIN_KEY = 320

/**
 * The login budget `identifier` spends: its account's DID, so a handle, an
 * email and a DID share one; for an identifier no account answers to, the
 * identifier as lookups read it (trimmed, lowercased).
 */
export function loginKey(identifier: string, located: { did: string } | undefined): string {
  return located?.did ?? identifier.trim().toLowerCase().slice(0, MAX_LOGIN_KEY)
}

/** Windows in this process's memory: right for one process (the embedded database). */
export class MemoryCounters implements Counters {
  private readonly windows = new Map<string, { used: number; resetAt: number }>()

  async take(key: string, rule: RateLimitRule, now: number): Promise<{ used: number; resetAt: number }> {
    let w = this.windows.get(key)
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= SWEEP_AT) {
        for (const [k, old] of this.windows) if (old.resetAt <= now) this.windows.delete(k)
      }
      w = { used: 0, resetAt: now + rule.windowSeconds * 1000 }
      this.windows.set(key, w)
    }
    w.used = Math.min(w.used + 1, rule.points + 1)
    return { ...w }
  }

  async refund(key: string, rule: RateLimitRule, resetAt: number) {
    const w = this.windows.get(key)
    if (!w || w.resetAt !== resetAt) return undefined
    w.used = unitGivenBack(w.used, rule)
    return { ...w }
  }
}

/**
 * The use after giving one unit back: points + 1 means "spent, and a request
 * was refused", which took nothing, so the units taken were `points`.
 */
function unitGivenBack(used: number, rule: RateLimitRule): number {
  return Math.max(Math.min(used, rule.points) - 1, 0)
}

/** Windows in the management database: one budget for every process on it, one statement a take. */
export class DatabaseCounters implements Counters {
  private takes = 0

  constructor(private readonly windows: RateLimitTransactor) {}

  async take(key: string, rule: RateLimitRule, now: number): Promise<{ used: number; resetAt: number }> {
    const use = await this.windows.take(key, rule.points, rule.windowSeconds, now)
    if (++this.takes % DB_SWEEP_EVERY === 0) void this.windows.sweepEnded(now).catch(() => {})
    return use
  }

  refund(key: string, rule: RateLimitRule, resetAt: number) {
    // As unitGivenBack, in the database.
    return this.windows.refund(key, rule.points, resetAt)
  }
}

/** The RateLimit-* headers of `s`; of two budgets one request spends, those of the one that refused or is nearer its end. */
export function setHeaders(res: HeaderTarget, s: LimitStatus): void {
  const shown = res.getHeader('RateLimit-Remaining')
  if (s.remaining >= 0 && shown !== undefined && Number(shown) <= s.remaining) return
  res.setHeader('RateLimit-Limit', s.limit)
  res.setHeader('RateLimit-Remaining', Math.max(0, s.remaining))
  // As the official PDS sends it: the epoch second the window resets.
  res.setHeader('RateLimit-Reset', Math.ceil(s.resetAt / 1000))
  res.setHeader('RateLimit-Policy', `${s.limit};w=${s.windowSeconds}`)
}
