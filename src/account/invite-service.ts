// Invite codes, as the official PDS keeps them, one set per domain in its
// tenant database: made by whoever manages the domain or earned by accounts
// over time, checked and used up by sign-up, listed and disabled by
// moderators. A use is counted under a lock on the code's row, in the
// transaction that creates the account, so no code creates more accounts
// than it may however many sign-ups race for it.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { InvitesConfig } from '../config/config.js'
import type { Logger } from '../lib/logger.js'
import type { Domain, LocatedAccount, TenantRegistry } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { Storage } from '../storage/storage.js'
import type { InviteCodeRow, InviteCodeUseRow, InviteSort } from '../storage/tenant/invite-store.js'
import type { TenantReader, TenantTransactor } from '../storage/tenant/tenant-store.js'
import { parseHandle } from './handle.js'
import {
  ADMIN,
  codeOfDomain,
  compareForListing,
  earnedCodesDue,
  type InviteCodeView,
  inviteCodeView,
  inviteRequired,
  newInviteCode,
  packInviteCursor,
  unpackInviteCursor,
} from './invite-codes.js'

export type InviteServiceDeps = {
  storage: Storage
  registry: TenantRegistry
  invites: InvitesConfig
  logger: Logger
}

/** The codes made for one account (or for ADMIN), as com.atproto.server.createInviteCodes answers them. */
export type AccountCodes = { account: string; codes: string[] }

const unavailable = () => new InvalidRequestError('Provided invite code not available', 'InvalidInviteCode')

/** A code no row can hold (too long, or text Postgres refuses) is simply not one of ours. */
function assertStorable(code: string): void {
  if (code.length > 300 || unstorableText(code)) throw unavailable()
}

export class InviteService {
  constructor(private readonly deps: InviteServiceDeps) {}

  /** Whether sign-up on `domain` needs an invite code. */
  required(domain: Domain): boolean {
    return inviteRequired(domain, this.deps.invites)
  }

  /** The active domain a new account's handle names, if we host it (the handle's syntax is checked here). */
  domainOfHandle(handle: unknown): Promise<Domain | undefined> {
    return this.deps.registry.activeDomain(parseHandle(handle).domain)
  }

  /** The active domain a request's hostname is, or is under (alice.example.com: example.com), if any. */
  async domainOfHost(hostname: string | undefined): Promise<Domain | undefined> {
    // A request without a Host header (HTTP/1.0) names no domain.
    if (!hostname) return undefined
    const found = await this.deps.registry.domainContaining(hostname)
    return found?.status === 'active' ? found : undefined
  }

  /**
   * Makes `codeCount` codes of `useCount` uses for each of `forAccounts` (DIDs
   * of the domain's accounts, or ADMIN), made by whoever manages the domain.
   */
  async create(domain: Domain, forAccounts: string[], codeCount: number, useCount: number): Promise<AccountCodes[]> {
    const { maxCodesPerCall } = this.deps.invites
    if (!Number.isInteger(useCount) || useCount < 1) {
      throw new InvalidRequestError('useCount must be at least 1')
    }
    if (!Number.isInteger(codeCount) || codeCount < 1) {
      throw new InvalidRequestError('codeCount must be at least 1')
    }
    if (codeCount * forAccounts.length > maxCodesPerCall) {
      throw new InvalidRequestError(
        `At most ${maxCodesPerCall} codes may be made in one call (invites.maxCodesPerCall)`,
      )
    }
    const created = forAccounts.map((account) => ({
      account,
      codes: Array.from({ length: codeCount }, () => newInviteCode(domain.name)),
    }))
    const createdAt = new Date().toISOString()
    const rows = created.flatMap(({ account, codes }) =>
      codes.map((code) => ({
        code,
        available_uses: useCount,
        disabled: false,
        for_account: account,
        created_by: ADMIN,
        created_at: createdAt,
      })),
    )
    await this.deps.storage.transact(domain.db_name, (tx) => tx.invites.insert(rows))
    this.deps.logger.info({ tenant: domain.name, count: rows.length, useCount }, 'invite codes created')
    return created
  }

  /** Throws InvalidInviteCode unless `code` can still create an account on `domain`. */
  async check(domain: Domain, code: string): Promise<void> {
    assertStorable(code)
    await this.deps.storage.read(domain.db_name, (t) => this.assertUsable(t, t.invites.get(code)))
  }

  /**
   * What an account creation runs in its own transaction to use `code` up
   * by one: the code's row is locked, so creations using it count their uses
   * one after another, and one that finds it used up fails whole.
   */
  useIn(code: string): (tx: TenantTransactor, did: string) => Promise<void> {
    assertStorable(code)
    return async (tx, did) => {
      await this.assertUsable(tx, tx.invites.lockForUse(code))
      await tx.invites.insertUse(code, did, new Date().toISOString())
    }
  }

  private async assertUsable(t: TenantReader, found: Promise<InviteCodeRow | undefined>) {
    const invite = await found
    if (!invite || invite.disabled || invite.uses >= invite.available_uses) throw unavailable()
    // A code made for an account taken down went down with it, as on the official PDS.
    if (invite.for_account !== ADMIN) {
      const owner = await t.accounts.summary(invite.for_account)
      if (owner?.takedown_ref) throw unavailable()
    }
  }

  /**
   * The codes made for the account, with those it has earned since it last
   * asked made now when `createAvailable` and its domain requires codes and
   * the config lets accounts earn them; disabled codes left out, and used-up
   * ones unless `includeUsed`.
   */
  async accountCodes(
    located: LocatedAccount,
    opts: { includeUsed: boolean; createAvailable: boolean },
  ): Promise<InviteCodeView[]> {
    const { intervalMs, epochMs } = this.deps.invites
    const domain = await this.deps.registry.activeDomain(located.domain)
    const earns = opts.createAvailable && intervalMs !== null && domain !== undefined && this.required(domain)
    const codes = await this.deps.storage.transact(located.db_name, async (tx) => {
      const summary = await tx.accounts.summary(located.did)
      if (!summary) throw new InvalidRequestError('Account not found', 'NotFound')
      if (!earns) return tx.invites.forAccount(located.did)
      // The account's row, locked, makes two such calls count what it earned one after the other.
      await tx.invites.lockAccount(located.did)
      const held = await tx.invites.forAccount(located.did)
      const due = earnedCodesDue({
        accountCreatedAt: Date.parse(summary.created_at),
        codes: held,
        interval: intervalMs,
        epoch: epochMs,
        now: Date.now(),
      })
      if (due <= 0) return held
      // Earned even while the account's invites are disabled, for the count, but disabled from the start.
      const disabled = await tx.invites.accountInvitesDisabled(located.did)
      const createdAt = new Date().toISOString()
      const rows = Array.from({ length: due }, () => ({
        code: newInviteCode(located.domain),
        available_uses: 1,
        disabled,
        for_account: located.did,
        created_by: located.did,
        created_at: createdAt,
      }))
      await tx.invites.insert(rows)
      return [...held, ...rows.map((r) => ({ ...r, uses: 0 }))]
    })
    const shown = codes.filter((c) => !c.disabled && (opts.includeUsed || c.uses < c.available_uses))
    return this.views(located.db_name, shown)
  }

  /**
   * What com.atproto.admin.getAccountInfo tells of an account's invites, as
   * the official PDS: the codes made for it, the code it signed up with, and
   * whether its invites are disabled.
   */
  async accountInfo(
    located: LocatedAccount,
  ): Promise<{ invites: InviteCodeView[]; invitedBy?: InviteCodeView; invitesDisabled: boolean }> {
    const { held, usedCode, invitesDisabled } = await this.deps.storage.read(located.db_name, async (t) => {
      const usedBy = await t.invites.codeUsedBy(located.did)
      return {
        held: await t.invites.forAccount(located.did),
        usedCode: usedBy === undefined ? undefined : await t.invites.get(usedBy),
        invitesDisabled: await t.invites.accountInvitesDisabled(located.did),
      }
    })
    const [invitedBy] = usedCode ? await this.views(located.db_name, [usedCode]) : []
    return { invites: await this.views(located.db_name, held), invitedBy, invitesDisabled }
  }

  /** `rows` of one tenant as views, each with its uses. */
  async views(dbName: string, rows: InviteCodeRow[]): Promise<InviteCodeView[]> {
    const uses = await this.deps.storage.read(dbName, (t) => t.invites.uses(rows.map((r) => r.code)))
    const byCode = new Map<string, InviteCodeUseRow[]>()
    for (const use of uses) {
      const list = byCode.get(use.code)
      if (list) list.push(use)
      else byCode.set(use.code, [use])
    }
    return rows.map((r) => inviteCodeView(r, byCode.get(r.code) ?? []))
  }

  /**
   * A page of the codes of `domains`, most recent or most used first (the
   * code breaking ties), after `cursor`. Each tenant gives its own first
   * `limit` past the cursor and the best `limit` of all are kept, one tenant
   * at a time, so no more than two pages are held whatever the domains.
   */
  async page(
    domains: Domain[],
    opts: { sort: InviteSort; limit: number; cursor?: string },
  ): Promise<{ codes: InviteCodeView[]; cursor?: string }> {
    const { sort, limit } = opts
    const after = opts.cursor ? unpackInviteCursor(sort, opts.cursor) : undefined
    let best: { row: InviteCodeRow; dbName: string }[] = []
    for (const domain of domains) {
      const rows = await this.deps.storage.read(domain.db_name, (t) => t.invites.page(sort, limit, after))
      best = [...best, ...rows.map((row) => ({ row, dbName: domain.db_name }))]
        .sort((a, b) => compareForListing(sort, a.row, b.row))
        .slice(0, limit)
    }
    const views = new Map<string, InviteCodeView>()
    for (const dbName of new Set(best.map((b) => b.dbName))) {
      const rows = best.filter((b) => b.dbName === dbName).map((b) => b.row)
      for (const view of await this.views(dbName, rows)) views.set(view.code, view)
    }
    const last = best.at(-1)
    return {
      codes: best.map((b) => views.get(b.row.code) as InviteCodeView),
      // As the official PDS: a cursor whenever the page has codes, the next page empty at the end.
      cursor: last && packInviteCursor(sort, last.row),
    }
  }

  /** The domains among `domains` that `code` may belong to, by its prefix. */
  domainsOfCode(code: string, domains: Domain[]): Domain[] {
    return domains.filter((d) => codeOfDomain(code, d.name))
  }

  /** Disables `codes` of `domain`, and every code made for `accounts` (DIDs of its accounts). */
  async disable(domain: Domain, opts: { codes: string[]; accounts: string[] }): Promise<void> {
    await this.deps.storage.transact(domain.db_name, async (tx) => {
      await tx.invites.disableCodes(opts.codes)
      await tx.invites.disableCodesFor(opts.accounts)
    })
    this.deps.logger.info(
      { tenant: domain.name, codes: opts.codes.length, accounts: opts.accounts },
      'invite codes disabled',
    )
  }

  /** Whether the codes the account earns from now on are disabled (those it holds are left as they are). */
  async setAccountInvitesDisabled(located: LocatedAccount, disabled: boolean): Promise<void> {
    await this.deps.storage.transact(located.db_name, (tx) =>
      tx.invites.setAccountInvitesDisabled(located.did, disabled),
    )
    this.deps.logger.info({ tenant: located.domain, did: located.did, disabled }, 'account invites changed')
  }
}
