// Request and write budgets: per client IP for the agent-facing surface and
// registration, per account for writes (tiered: new agents, trusted agents
// and domain managers, other accounts). Fixed windows counted in this
// process's memory, so with N replicas behind a balancer a client gets at
// most N times a budget; the answers follow the official PDS: 429
// RateLimitExceeded with RateLimit-Limit/-Remaining/-Reset/-Policy headers.
import type { ServerResponse } from 'node:http'
import { ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../account/account-service.js'
import type { RateLimitRule, RateLimitsConfig } from '../config/config.js'
import type { Storage } from '../db/storage.js'

/** Per-IP budgets by name: the agent surface (XRPC and MCP share one) and registration. */
export type IpBucket = 'agent' | 'mcp' | 'registration'

export type WriteTier = 'newAgent' | 'trustedAgent' | 'account'

type Window = { used: number; resetAt: number }

export type LimitStatus = { limit: number; remaining: number; resetAt: number; windowSeconds: number }

/** How long an account's tier is remembered before it is read again. */
const TIER_TTL_MS = 60_000
/** Counters kept before expired ones are swept. */
const SWEEP_AT = 10_000

export class RateLimits {
  private readonly windows = new Map<string, Window>()
  private readonly tiers = new Map<string, { tier: WriteTier; until: number }>()

  constructor(
    private readonly config: RateLimitsConfig,
    private readonly storage: Storage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request from `ip` against a per-IP budget; throws 429 when it is spent. */
  async consumeIp(bucket: IpBucket, ip: string | undefined, res?: ServerResponse): Promise<void> {
    const rule = bucket === 'registration' ? this.config.registrationsPerIp : this.config.agentRequestsPerIp
    // The agent surface is one budget whichever door (XRPC or MCP) a request uses.
    const key = `${bucket === 'registration' ? 'registration' : 'agent'}:${ip ?? 'unknown'}`
    this.enforce(key, rule, res)
  }

  /** Counts one write by `account` against its tier's budget; throws 429 when it is spent. */
  async consumeWrite(account: LocatedAccount, res?: ServerResponse): Promise<void> {
    const tier = await this.tierOf(account)
    this.enforce(`write:${account.did}`, this.ruleFor(tier), res)
  }

  ruleFor(tier: WriteTier): RateLimitRule {
    if (tier === 'newAgent') return this.config.newAgentWrites
    if (tier === 'trustedAgent') return this.config.trustedAgentWrites
    return this.config.accountWrites
  }

  /** Forget an account's remembered tier (after it was trusted, or became an agent). */
  forgetTier(did: string): void {
    this.tiers.delete(did)
  }

  async tierOf(account: LocatedAccount): Promise<WriteTier> {
    const cached = this.tiers.get(account.did)
    if (cached && cached.until > this.now()) return cached.tier
    const row = await this.storage.withTenant(account.db_name, (db) =>
      db
        .selectFrom('account')
        .leftJoin('agent_key', 'agent_key.did', 'account.did')
        .select(['account.role', 'agent_key.trusted', 'agent_key.did as agent'])
        .where('account.did', '=', account.did)
        .executeTakeFirst(),
    )
    let tier: WriteTier = 'account'
    if (row?.agent) tier = row.trusted || row.role !== 'user' ? 'trustedAgent' : 'newAgent'
    if (this.tiers.size >= SWEEP_AT) this.tiers.clear()
    this.tiers.set(account.did, { tier, until: this.now() + TIER_TTL_MS })
    return tier
  }

  private enforce(key: string, rule: RateLimitRule, res?: ServerResponse): void {
    if (rule.points === 0) return
    const status = this.take(key, rule)
    if (res && !res.headersSent) setHeaders(res, status)
    if (status.remaining < 0) {
      throw new XRPCError(
        ResponseType.RateLimitExceeded,
        `Rate limit exceeded: ${rule.points} per ${rule.windowSeconds} s; try again after ${new Date(status.resetAt).toISOString()}`,
        'RateLimitExceeded',
      )
    }
  }

  private take(key: string, rule: RateLimitRule): LimitStatus {
    const now = this.now()
    let w = this.windows.get(key)
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= SWEEP_AT) this.sweep(now)
      w = { used: 0, resetAt: now + rule.windowSeconds * 1000 }
      this.windows.set(key, w)
    }
    // A refused request is not counted: it did nothing.
    if (w.used < rule.points) w.used++
    else return { limit: rule.points, remaining: -1, resetAt: w.resetAt, windowSeconds: rule.windowSeconds }
    return {
      limit: rule.points,
      remaining: rule.points - w.used,
      resetAt: w.resetAt,
      windowSeconds: rule.windowSeconds,
    }
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key)
  }
}

function setHeaders(res: ServerResponse, s: LimitStatus): void {
  res.setHeader('RateLimit-Limit', s.limit)
  res.setHeader('RateLimit-Remaining', Math.max(0, s.remaining))
  // As the official PDS sends it: the epoch second the window resets.
  res.setHeader('RateLimit-Reset', Math.ceil(s.resetAt / 1000))
  res.setHeader('RateLimit-Policy', `${s.limit};w=${s.windowSeconds}`)
}
