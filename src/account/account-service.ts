// Accounts across tenants. An account lives in its domain's tenant database
// and is routed from the management database; the two writes are ordered so
// that a crash between them leaves only a `pending` home, which the
// recovery sweep removes (or confirms, if the tenant row made it).

import { parseDidKey } from '@atproto/crypto'
import { isValidHandle, isValidTld } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { ExternalIdentityResolver } from '../identity/external-resolver.js'
import type { PlcService } from '../identity/plc-service.js'
import type { Logger } from '../lib/logger.js'
import { accountMovingError } from '../lib/unavailable.js'
import type { RepoService } from '../repo/repo-service.js'
import type { SigningKeyVault } from '../repo/signing-key-vault.js'
import {
  type Domain,
  isUniqueViolation,
  type LocatedAccount,
  type TenantRegistry,
} from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { AccountRole, AccountState, AccountStatus } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import { type AccountRow, type AccountSummary, accountState } from '../storage/tenant/account-store.js'
import type { AccountWith } from '../storage/tenant/repo-store.js'
import type { TenantTransactor } from '../storage/tenant/tenant-store.js'
import { outbox } from '../sync/outbox.js'
import { AccountCredentials } from './account-credentials.js'
import { AccountMoves, refuseWhileMoving } from './account-moves.js'
import { normalizeEmail, parseHandle } from './handle.js'
import type { HandleCheck, HandlePolicy } from './handle-policy.js'
import { checkPasswordPolicy, generatePassword, type Passwords } from './password.js'
import { PendingHomes } from './pending-homes.js'
import { RecentHomes } from './recent-homes.js'

export type CreateAccountInput = {
  handle: unknown
  email?: unknown
  password?: string
  role?: AccountRole
  recoveryKey?: string
  /** Set when the admin key or the domain's owner asks: reserved names may be given out (service hostnames never). */
  allowReserved?: boolean
  /**
   * More to write in the account's creation transaction, after its repo's
   * first commit (an agent's key and profile): it all lands or none of it.
   */
  alsoWrite?: (tx: TenantTransactor, did: string) => Promise<void>
  /**
   * An existing DID moving here from another PDS (its holder proved it): no
   * genesis op, a new signing key, and the account starts deactivated with an
   * empty repo until it imports its repo and its DID document names us.
   * `plcOp`: the DID's current op from the directory (its document's data for did:web).
   */
  incoming?: { did: string; plcOp: unknown }
}

/** A handle change, and whether it may move the account to another of our domains, and for whom. */
export type HandleUpdate = HandleCheck & {
  /**
   * 'self': the account asks, and moves only where the domain's sign-up would
   * let it in (open registration, no invite code); 'operator': the admin key
   * (or the owners of both domains) asks. Absent: no move.
   */
  move?: 'self' | 'operator'
}

export type CreatedAccount = {
  did: string
  handle: string
  email: string | null
  role: AccountRole
  domain: string
  /** Present only when the server generated the password: shown once. */
  generatedPassword?: string
}

/** The repo an XRPC call names, with its account's state (moderation, then deactivation). */
export type RepoTarget = LocatedAccount & { status: AccountState }

type NewKeys = Awaited<ReturnType<SigningKeyVault['generate']>>
type Genesis = Awaited<ReturnType<PlcService['genesis']>>

export type AccountServiceDeps = {
  storage: Storage
  registry: TenantRegistry
  handles: HandlePolicy
  vault: SigningKeyVault
  plc: PlcService
  /** Handles on domains of the users' own: asked fresh when one is taken, forgotten when one changes. */
  external: Pick<ExternalIdentityResolver, 'handleToDid' | 'forget'>
  repos: RepoService
  passwords: Passwords
  /** Tells the sequencer that a tenant's outbox has new rows. */
  outboxWritten: (source: string) => void
  /** The longest an account creation can take (see PendingHomes). */
  pendingStaleAfterMs: number
  /** Whether an account may move itself to `domain` (its sign-up takes anyone: open, no invite code). */
  openToMoves: (domain: Domain) => boolean
  /** Moves between our domains (see AccountMoves). */
  moves: { drainTimeoutMs: number; sweepIntervalMs: number; consentTtlMs: number }
  logger: Logger
}

export class AccountService {
  /** Tenants of recently active accounts, by DID (access checks and repo reads). */
  readonly recentHomes = new RecentHomes((did) => this.deps.registry.findHome('did', did))
  /** Reservations of creations under way, and of those a crash cut short. */
  readonly pending: PendingHomes
  /** An account's email, password and signing key, as an operator sets them. */
  readonly credentials: AccountCredentials
  /** Moves of accounts between our domains, and their recovery (a background job). */
  readonly moves: AccountMoves

  constructor(private readonly deps: AccountServiceDeps) {
    const { storage, registry, pendingStaleAfterMs: staleAfterMs, logger } = deps
    this.pending = new PendingHomes({ storage, registry, staleAfterMs, logger })
    this.credentials = new AccountCredentials(deps)
    this.moves = new AccountMoves({
      storage,
      registry,
      plc: deps.plc,
      pending: this.pending,
      outboxWritten: deps.outboxWritten,
      forget: async (did, handles) => {
        this.recentHomes.forget(did)
        await deps.external.forget(did, handles)
      },
      drainTimeoutMs: deps.moves.drainTimeoutMs,
      sweepIntervalMs: deps.moves.sweepIntervalMs,
      consentTtlMs: deps.moves.consentTtlMs,
      logger,
    })
  }

  get handles(): HandlePolicy {
    return this.deps.handles
  }

  /**
   * Creates an account: keys, did:plc genesis, home reservation, tenant row.
   * `inDomain` lets domain creation add the owner while the domain is not active yet.
   */
  async create(input: CreateAccountInput, inDomain?: Domain): Promise<CreatedAccount> {
    const { registry, vault, passwords } = this.deps
    const parsed = parseHandle(input.handle)
    const email = normalizeEmail(input.email)
    const domain = inDomain ?? (await registry.activeDomain(parsed.domain))
    if (!domain || domain.name !== parsed.domain) {
      throw new InvalidRequestError(`handle must be <name>.<hosted domain>: ${parsed.handle}`, 'UnsupportedDomain')
    }
    this.deps.handles.assertAllowed(parsed, { allowReserved: input.allowReserved })
    if (await registry.hostnameOfOurs(parsed.handle)) {
      throw new InvalidRequestError(`handle is a hosted domain or PDS host: ${parsed.handle}`, 'HandleNotAvailable')
    }
    const generatedPassword = input.password === undefined ? generatePassword() : undefined
    const password = input.password ?? (generatedPassword as string)
    checkPasswordPolicy(password)
    const recoveryKey = checkRecoveryKey(input.recoveryKey)
    const role = input.role ?? 'user'

    const { incoming } = input
    if (incoming && (await registry.findHome('did', incoming.did))) {
      throw new InvalidRequestError(`An account with this DID is already hosted here: ${incoming.did}`)
    }
    const [{ keypair, sealed }, passwordHash] = await Promise.all([vault.generate(), passwords.hash(password)])
    const genesis = incoming
      ? undefined
      : await this.deps.plc.genesis({
          signingKey: keypair.did(),
          handle: parsed.handle,
          recoveryKey,
          pdsHost: domain.pds_hostname,
        })
    const did = incoming?.did ?? (genesis as Genesis).did
    const t = new Date().toISOString()
    const row: AccountRow = {
      did,
      handle: parsed.handle,
      email,
      password_hash: passwordHash,
      role,
      status: 'active',
      signing_key: sealed,
      plc_op: incoming ? incoming.plcOp : genesis?.op,
      // An incoming DID's op is the directory's own.
      plc_published_at: incoming ? t : null,
      takedown_ref: null,
      email_confirmed_at: null,
      email_auth_factor: false,
      deactivated_at: incoming ? t : null,
      moved_at: null,
      delete_after: null,
      moving_since: null,
      created_at: t,
      updated_at: t,
    }
    await this.pending.during(did, () => this.land(row, domain, { keypair, genesisOp: genesis?.op }, input.alsoWrite))
    this.deps.outboxWritten(domain.db_name)
    this.deps.logger.info(
      { did, handle: parsed.handle, tenant: domain.name, role, incoming: !!incoming },
      incoming ? 'account created for a DID moving in' : 'account created',
    )
    return { did, handle: parsed.handle, email, role, domain: domain.name, generatedPassword }
  }

  /**
   * Reserves the home, publishes the genesis op, writes the tenant row and
   * confirms the home, undoing what was done if a step fails.
   */
  private async land(
    row: AccountRow,
    domain: Domain,
    keys: { keypair: NewKeys['keypair']; genesisOp?: Genesis['op'] },
    alsoWrite: CreateAccountInput['alsoWrite'],
  ): Promise<void> {
    const { registry, storage } = this.deps
    const { did, handle } = row
    await this.pending.reserve({ did, handle, email: row.email, domain: domain.name, pds_host: domain.pds_hostname })
    const { genesisOp } = keys
    // The handle is ours now, so the directory hears of the DID before any
    // local row exists: if it refuses, the home is all there is to undo.
    try {
      if (genesisOp) row.plc_published_at = await this.deps.plc.publish(did, genesisOp)
    } catch (err) {
      await registry.deleteHome(did)
      throw err
    }
    try {
      // The account row and its repo's first commit land together or not at all.
      await storage.transact(domain.db_name, async (tx) => {
        await tx.accounts.insert(row)
        if (genesisOp) {
          await tx.plc.log(did, genesisOp, row.plc_published_at)
          await outbox.identity(tx, did, handle)
          await outbox.account(tx, did, 'active')
          await this.deps.repos.createRepo(tx, did, keys.keypair)
        } else {
          // A DID moving in is news to relays only once it is activated here (as the official PDS: no event).
          await this.deps.repos.createRepo(tx, did, keys.keypair, { announce: false })
        }
        await alsoWrite?.(tx, did)
      })
    } catch (err) {
      await registry.deleteHome(did)
      // The home was ours, so another row with this handle is a create whose reservation was cleared
      // under it (or ours, under us): it is undoing itself or the handle is its own. Either way, not ours.
      if (isUniqueViolation(err)) throw new InvalidRequestError(`Handle already taken: ${handle}`, 'HandleNotAvailable')
      throw err
    }
    if (!(await registry.confirmHome(did))) {
      // This create outlived its reservation, which was cleared as stale: the handle may be another's now.
      await removeAccount(storage, domain.db_name, did)
      this.deps.outboxWritten(domain.db_name)
      throw new InvalidRequestError(`Handle already taken: ${handle}`, 'HandleNotAvailable')
    }
  }

  /** Whether `handle` is free, once a reservation a crash left on it is finished or cleared. */
  handleAvailable(handle: string): Promise<boolean> {
    return this.pending.handleAvailable(handle)
  }

  /** Throws unless `handle` may be taken at all (taken by someone else is for the creation to find). */
  assertHandleAllowed(handle: string, check: HandleCheck = {}): void {
    this.deps.handles.assertAllowed(parseHandle(handle), check)
  }

  /**
   * The DID a handle names, for resolveHandle and /.well-known/atproto-did: none
   * on a hostname of the service's own, even one an older version let be taken.
   */
  async didForHandle(handle: string): Promise<string | undefined> {
    const host = handle.toLowerCase()
    if (this.deps.handles.isServiceHost(host)) return undefined
    return (await this.deps.registry.findHome('handle', host))?.did
  }

  /** Whether no one but us answers for `handle`: a hostname of the service, or under one of our tenant domains. */
  async isOurs(handle: string): Promise<boolean> {
    const host = handle.toLowerCase()
    if (this.deps.handles.isServiceHost(host)) return true
    return !!(await this.deps.registry.domainContaining(host))
  }

  /** Finds a confirmed account in an active domain by DID, handle or email. */
  async locate(identifier: string): Promise<LocatedAccount | undefined> {
    const id = identifier.trim().toLowerCase()
    if (id.startsWith('did:')) return this.deps.registry.findHome('did', identifier.trim())
    if (id.includes('@')) return this.deps.registry.findHome('email', id)
    return this.deps.registry.findHome('handle', id)
  }

  async mustLocate(did: string): Promise<LocatedAccount> {
    const found = typeof did === 'string' ? await this.locate(did) : undefined
    if (!found) throw new InvalidRequestError(`Account not found: ${String(did).slice(0, 300)}`, 'AccountNotFound')
    return found
  }

  /**
   * The repo named by `repo` (a DID or a handle), with its account status;
   * RepoNotFound when there is none. A DID goes through the memory of recent
   * homes, a handle is looked up.
   */
  async findRepo(repo: unknown): Promise<RepoTarget> {
    const { found: _, ...target } = await this.findRepoReading(repo, async (located) => {
      const account = await this.findSummary(located)
      return account && { ...account, found: undefined }
    })
    return target
  }

  /**
   * The repo named by `repo`, as findRepo finds it, with what `read` reads of
   * it: `read` answers with the account's status and deactivation in the same
   * statement (undefined: no such account in that tenant), so a call that
   * reads the repo pays one round trip where findRepo and its read take two.
   */
  async findRepoReading<T>(
    repo: unknown,
    read: (located: LocatedAccount) => Promise<AccountWith<T>>,
  ): Promise<RepoTarget & { found: T }> {
    const id = typeof repo === 'string' && repo.length <= 2048 ? repo.trim() : undefined
    const withStatus = async (located: LocatedAccount): Promise<(RepoTarget & { found: T }) | undefined> => {
      const account = await read(located)
      return account && { ...located, status: accountState(account), found: account.found }
    }
    let target: (RepoTarget & { found: T }) | undefined
    if (id?.startsWith('did:')) target = await this.recentHomes.withHome(id, withStatus)
    else if (id !== undefined) {
      const located = await this.locate(id)
      target = located && (await withStatus(located))
    }
    if (!target) throw new InvalidRequestError(`Could not find repo: ${String(repo).slice(0, 300)}`, 'RepoNotFound')
    return target
  }

  async summary(located: LocatedAccount): Promise<AccountSummary> {
    const row = await this.findSummary(located)
    if (!row) throw new InvalidRequestError(`Account not found: ${located.did}`, 'AccountNotFound')
    return row
  }

  /** The account's role, or undefined when its tenant row is gone (a delete cut short). */
  async roleOf(located: LocatedAccount): Promise<AccountRole | undefined> {
    return (await this.findSummary(located))?.role
  }

  /** The account's tenant row (without secrets), or undefined when it is not there. */
  findSummary(located: LocatedAccount): Promise<AccountSummary | undefined> {
    return this.deps.storage.read(located.db_name, (t) => t.accounts.summary(located.did))
  }

  /** The domain's owner account, if it has one. */
  ownerOf(domain: Domain): Promise<AccountSummary | undefined> {
    return this.deps.storage.read(domain.db_name, (t) => t.accounts.owner())
  }

  async list(domain: Domain, limit: number, cursor?: string): Promise<AccountSummary[]> {
    if (unstorableText(cursor)) throw new InvalidRequestError('Malformed cursor')
    return this.deps.storage.read(domain.db_name, (t) => t.accounts.list(limit, cursor))
  }

  /**
   * A page of every account on the service, across tenants, in DID order;
   * `cursor` is the DID the previous page ended with, or undefined after the last page.
   */
  async pageAcrossTenants(limit: number, after?: string): Promise<{ accounts: AccountSummary[]; cursor?: string }> {
    const homes = await this.deps.registry.homesPage(limit, after)
    const accounts: AccountSummary[] = []
    for (const home of homes) {
      const summary = await this.findSummary(home)
      if (summary) accounts.push(summary)
    }
    return { accounts, cursor: homes.length === limit ? homes[homes.length - 1]?.did : undefined }
  }

  async delete(located: LocatedAccount): Promise<void> {
    const { storage, registry } = this.deps
    const account = await this.findSummary(located)
    if (account?.role === 'owner') {
      throw new InvalidRequestError('The owner of a domain cannot be deleted; remove the domain instead')
    }
    // Not while it moves to another of our domains: the move would carry on with what the delete left.
    if (await storage.managementTransactor.moves.get(located.did)) throw accountMovingError()
    // Tenant row first, home last: a crash in between leaves a home to
    // nothing, which this same call (retried) finishes removing.
    await removeAccount(storage, located.db_name, located.did)
    this.deps.outboxWritten(located.db_name)
    await registry.deleteHome(located.did)
    this.recentHomes.forget(located.did)
    await storage.managementTransactor.oauth.revokeAccount(located.did)
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'account deleted')
  }

  /**
   * Sets the account's status and reports it (#account). A takedown through
   * com.atproto.admin also names its moderation action (`takedown.ref`) and,
   * as the official PDS's does, ends the account's sessions.
   */
  async updateStatus(
    located: LocatedAccount,
    status: AccountStatus,
    takedown?: { ref: string; endSessions: boolean },
  ): Promise<void> {
    const account = await this.summary(located)
    if (account.role === 'owner' && status !== 'active') {
      throw new InvalidRequestError('The owner of a domain cannot be suspended or disabled')
    }
    await this.deps.storage.transact(located.db_name, async (tx) => {
      await refuseWhileMoving(tx, located.did)
      await tx.accounts.setStatus(located.did, status, takedown?.ref ?? null)
      if (takedown?.endSessions) await tx.sessions.deleteAll(located.did)
      // A lifted takedown leaves a deactivated account deactivated: report what it is now.
      await outbox.account(tx, located.did, await stateIn(tx, located.did))
    })
    this.deps.outboxWritten(located.db_name)
    // A takedown ends the account's OAuth grants for good, as the official PDS's does: lifting it revives none.
    if (status !== 'active') await this.deps.storage.managementTransactor.oauth.revokeAccount(located.did)
    this.deps.logger.info({ did: located.did, tenant: located.domain, status }, 'account status changed')
  }

  /**
   * Deactivates the account, as its owner (or an operator) asks: its repo is
   * no longer served and takes no writes, but it may still log in to
   * activate again. `deleteAfter` is kept as the official PDS keeps it. An
   * #account event reports the account's state, which stays `takendown` or
   * `suspended` for an account moderation holds (takedown ranks first).
   */
  async deactivate(located: LocatedAccount, deleteAfter?: string): Promise<AccountState> {
    const state = await this.deps.storage.transact(located.db_name, async (tx) => {
      // The repo's write lock first: a commit under way lands before the #account event, and none after it.
      await tx.repo.lockForCommit(located.did)
      await refuseWhileMoving(tx, located.did)
      if (!(await tx.accounts.deactivate(located.did, deleteAfter ?? null))) throw accountNotFound()
      const now = await stateIn(tx, located.did)
      await outbox.account(tx, located.did, now)
      return now
    })
    this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain, state }, 'account deactivated')
    return state
  }

  /**
   * Activates a deactivated account (an active one too: the events go out
   * again, as the official PDS sends them), once its DID still names this
   * server as its host. As the official PDS, #account, #identity and #sync of
   * the current commit go out together, so a relay that dropped the repo
   * while it was inactive takes it up again. A taken-down account is refused:
   * moderation lifts that, not its owner.
   */
  async activate(located: LocatedAccount): Promise<void> {
    const account = await this.summary(located)
    if (account.status !== 'active') {
      throw new InvalidRequestError(`Account is ${account.status}: it cannot be activated`, 'AccountTakedown')
    }
    const current = await this.assertHostedHere(located)
    await this.deps.storage.transact(located.db_name, async (tx) => {
      // The repo's write lock first, as a commit takes it: the #sync below names the head no commit passes.
      await tx.repo.lockForCommit(located.did)
      await refuseWhileMoving(tx, located.did)
      if (!(await tx.accounts.activate(located.did))) throw accountNotFound()
      // The DID's op as it names us now: an account that moved in kept the one it came with until now.
      await tx.plc.adopt(located.did, current)
      const row = await tx.accounts.summary(located.did)
      if (!row) throw accountNotFound()
      await outbox.account(tx, located.did, accountState(row))
      await outbox.identity(tx, located.did, row.handle)
      await outbox.resync(tx, located.did)
    })
    this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'account activated')
  }

  /** The did:key of the account's repo signing key. */
  async signingKeyOf(located: LocatedAccount): Promise<string> {
    const row = await this.deps.storage.read(located.db_name, (t) => t.accounts.get(located.did))
    if (!row) throw accountNotFound()
    return (await this.deps.vault.open(row.signing_key)).did()
  }

  /**
   * Notes that the account moved away (its DID document no longer names this
   * server): it is marked moved and deactivated, under the repo's write lock,
   * so no commit is signed for it after this. #account goes out when that
   * changes what relays were told (an account its owner had deactivated
   * already was reported so). False when the departure was noted before.
   */
  async markMoved(located: LocatedAccount): Promise<boolean> {
    const changed = await this.deps.storage.transact(located.db_name, async (tx) => {
      await tx.repo.lockForCommit(located.did)
      // A move to another of our domains copies the account as it is: the mark waits for it to land there.
      await refuseWhileMoving(tx, located.did)
      const before = await tx.accounts.summary(located.did)
      if (!before) throw accountNotFound()
      if (!(await tx.accounts.markMoved(located.did))) return false
      const now = await stateIn(tx, located.did)
      if (now !== accountState(before)) await outbox.account(tx, located.did, now)
      return true
    })
    if (!changed) return false
    this.deps.outboxWritten(located.db_name)
    await this.deps.storage.managementTransactor.oauth.revokeAccount(located.did)
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'account moved away: deactivated')
    return true
  }

  /**
   * Sends an op the user signed (com.atproto.identity.submitPlcOperation)
   * once it keeps this server the account's host, logs it as the account's
   * latest and reports #identity.
   */
  async submitPlcOp(located: LocatedAccount, op: unknown): Promise<void> {
    const account = await this.summary(located)
    // Refused while the account moves to another of our domains (its copy would miss the op and the
    // #identity would go out of A after the move's last event); checked again where the op is logged.
    if (account.moving_since !== null) throw accountMovingError()
    const checked = this.deps.plc.assertSubmittable(op, {
      signingKey: await this.signingKeyOf(located),
      handle: account.handle,
      endpoint: await this.domainEndpoint(located),
    })
    const publishedAt = await this.deps.plc.publish(located.did, checked)
    await this.deps.storage.transact(located.db_name, async (tx) => {
      await logPlcOp(tx, located.did, checked, publishedAt)
      await outbox.identity(tx, located.did, account.handle)
    })
    this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'PLC operation submitted')
  }

  /**
   * Throws unless the account's DID document still names this server, its
   * rotation key and the account's signing key; returns the op (a did:web's
   * document fields) that was checked.
   */
  async assertHostedHere(located: LocatedAccount): Promise<unknown> {
    // While its domain's host changes, the host the account is on is as good as the one it goes to.
    const endpoints = [await this.domainEndpoint(located), this.deps.plc.endpointOf(located.pds_host)]
    return this.deps.plc.assertHostedHere(located.db_name, located.did, await this.signingKeyOf(located), endpoints)
  }

  /**
   * The endpoint the account's DID document should name: its domain's PDS
   * host's. A did:web's document is its owner's to change, and a change of
   * host leaves it where it is: the host it is on.
   */
  private async domainEndpoint(located: Pick<LocatedAccount, 'did' | 'domain' | 'pds_host'>): Promise<string> {
    if (located.did.startsWith('did:web:')) return this.deps.plc.endpointOf(located.pds_host)
    const domain = await this.deps.registry.getDomain(located.domain)
    return this.deps.plc.endpointOf(domain ? domain.pds_hostname : located.pds_host)
  }

  /**
   * Makes the account's DID document name `endpoint` as its PDS (its domain's
   * PDS host changed): an op signed with our rotation key that changes only
   * that, published and logged as a handle change's is. False when the DID's
   * latest op names it already. The relays hear of it from the caller, once
   * the account's events go to the new host.
   */
  async setPdsEndpoint(located: LocatedAccount, endpoint: string): Promise<boolean> {
    const { storage, plc } = this.deps
    if (await storage.managementTransactor.moves.get(located.did)) throw accountMovingError()
    const op = await plc.endpointUpdateOp(located.db_name, located.did, endpoint, await this.signingKeyOf(located))
    if (!op) return false
    const publishedAt = await plc.publish(located.did, op)
    await storage.transact(located.db_name, (tx) => logPlcOp(tx, located.did, op, publishedAt))
    await this.deps.external.forget(located.did, [])
    this.deps.logger.info({ did: located.did, tenant: located.domain, endpoint }, 'PDS endpoint changed')
    return true
  }

  /** What the account's DID document should hold for this server to host it (getRecommendedDidCredentials). */
  async recommendedCredentials(located: LocatedAccount) {
    const row = await this.deps.storage.read(located.db_name, (t) => t.accounts.get(located.did))
    if (!row) throw accountNotFound()
    const keypair = await this.deps.vault.open(row.signing_key)
    return this.deps.plc.recommendedCredentials(located.handle, keypair.did(), await this.domainEndpoint(located))
  }

  /** Whether the account's DID document still names this server as its host (checkAccountStatus's `validDid`). */
  async hostedHere(located: LocatedAccount): Promise<boolean> {
    try {
      await this.assertHostedHere(located)
      return true
    } catch {
      return false
    }
  }

  /**
   * Gives an account a new handle: in its own domain; under another of our
   * domains, by moving it there (when `check.move` lets it: AccountMoves);
   * or on a domain of the user's own that names its DID. In place, the home
   * is taken first, so uniqueness is decided service-wide; then the PLC
   * directory takes the update op; then the tenant row changes. If either
   * later step fails the home is put back, so nothing is half-changed.
   */
  async updateHandle(located: LocatedAccount, input: unknown, check: HandleUpdate = {}): Promise<string> {
    const { registry, storage } = this.deps
    const handle = await this.newHandle(located, input, check)
    if (handle === located.handle) return handle
    const target = await this.moveTarget(located, handle)
    if (target) {
      if (check.move === 'self' && !this.deps.openToMoves(target)) {
        throw new InvalidRequestError(
          `${target.name} takes new accounts only with an invite code or from an operator`,
          'UnsupportedDomain',
        )
      }
      return this.moves.move(located.did, handle, target, located.domain)
    }
    // Not while a move of the account to another domain is under way: the move sets its handle.
    if (await storage.managementTransactor.moves.get(located.did)) throw accountMovingError()
    await this.takeHandle(located, handle)
    try {
      const op = await this.deps.plc.handleUpdateOp(located.db_name, located.did, handle)
      const publishedAt = await this.deps.plc.publish(located.did, op)
      await storage.transact(located.db_name, async (tx) => {
        await logPlcOp(tx, located.did, op, publishedAt)
        await tx.accounts.setHandle(located.did, handle)
        await outbox.identity(tx, located.did, handle)
      })
    } catch (err) {
      // Put back only what this call changed: a move that switched the home since has set its own handle.
      await registry.setHomeHandle(located.did, located.handle, { domain: located.domain, handle })
      throw err
    }
    await this.deps.external.forget(located.did, [located.handle, handle])
    this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain, handle }, 'handle changed')
    return handle
  }

  /**
   * Moves the account to `input`, a handle under another of our active
   * domains (host.primal.pds.moveAccount, the CLI): the caller is an operator.
   */
  async move(located: LocatedAccount, input: unknown): Promise<string> {
    const handle = await this.newHandle(located, input, { allowReserved: true, move: 'operator' })
    const target = await this.moveTarget(located, handle)
    if (!target)
      throw new InvalidRequestError(`The new handle must be under another of our domains than ${located.domain}`)
    return this.moves.move(located.did, handle, target, located.domain)
  }

  /** The active domain of ours other than the account's that `handle` is under, if any. */
  private async moveTarget(located: LocatedAccount, handle: string): Promise<Domain | undefined> {
    const domain = await this.deps.registry.activeDomain(parseHandle(handle).domain)
    return domain && domain.name !== located.domain ? domain : undefined
  }

  /**
   * The handle `input` names, once `located` may take it: under our domains,
   * `<name>.<its domain>` (or of another of our domains, when `check.move`
   * allows moving) within the handle policy; elsewhere, a handle whose DNS
   * record or well-known document names its DID (checked now, not from a cache).
   */
  private async newHandle(located: LocatedAccount, input: unknown, check: HandleUpdate): Promise<string> {
    const custom = typeof input === 'string' ? input.trim().toLowerCase() : ''
    if (custom === located.handle) return custom
    if (isValidHandle(custom) && !(await this.isOurs(custom))) {
      if (!isValidTld(custom)) throw new InvalidRequestError('Handle TLD is invalid or disallowed', 'InvalidHandle')
      // As the official PDS answers (it has no error name for this yet).
      const did = await this.deps.external.handleToDid(custom, true)
      if (did !== located.did) throw new InvalidRequestError('External handle did not resolve to DID')
      return custom
    }
    const parsed = parseHandle(input)
    if (parsed.domain !== located.domain) {
      const other = check.move ? await this.deps.registry.activeDomain(parsed.domain) : undefined
      if (!other) throw new InvalidRequestError(`The new handle must be under ${located.domain}`, 'UnsupportedDomain')
    }
    // Reserved names of another domain are its owner's (or the admin key's) to give out, not this account's.
    const allowReserved = parsed.domain === located.domain || check.move === 'operator' ? check.allowReserved : false
    this.deps.handles.assertAllowed(parsed, { allowReserved })
    if (await this.deps.registry.hostnameOfOurs(parsed.handle)) {
      throw new InvalidRequestError(`handle is a hosted domain or PDS host: ${parsed.handle}`, 'HandleNotAvailable')
    }
    return parsed.handle
  }

  /** Moves the home of `did` to `handle`; a reservation a crashed create left there is cleared first. */
  private async takeHandle(located: LocatedAccount, handle: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // The home must still be in the account's domain: a move switched it meanwhile, and its retry finds it.
        if (!(await this.deps.registry.setHomeHandle(located.did, handle, { domain: located.domain }))) {
          throw accountMovingError()
        }
        return
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        if (attempt > 1 || !(await this.pending.handleAvailable(handle))) {
          throw new InvalidRequestError(`Handle already taken: ${handle}`, 'HandleNotAvailable')
        }
      }
    }
  }

  async updateRole(located: LocatedAccount, role: AccountRole): Promise<void> {
    const account = await this.summary(located)
    if (account.role === 'owner') throw new InvalidRequestError('The owner of a domain cannot be demoted')
    if (role === 'owner') throw new InvalidRequestError('A domain has exactly one owner')
    await this.deps.storage.write(located.db_name, (w) => w.accounts.setRole(located.did, role))
    this.deps.logger.info({ did: located.did, tenant: located.domain, role }, 'account role changed')
  }

  /**
   * Finishes or undoes account creations interrupted by a crash: a pending
   * home whose tenant row exists is confirmed, any other no create still
   * needs is removed. `olderThan` defaults to what no create still needs.
   */
  recoverPending(olderThan?: Date): Promise<number> {
    return this.pending.recover(olderThan)
  }
}

function accountNotFound(): InvalidRequestError {
  return new InvalidRequestError('Account not found', 'AccountNotFound')
}

/** The account's state as read inside `tx`, after a change there. */
async function stateIn(tx: TenantTransactor, did: string): Promise<AccountState> {
  const row = await tx.accounts.summary(did)
  if (!row) throw accountNotFound()
  return accountState(row)
}

function checkRecoveryKey(key: string | undefined): string | undefined {
  if (key === undefined || key === '') return undefined
  try {
    parseDidKey(key)
    return key
  } catch {
    throw new InvalidRequestError('recoveryKey must be a did:key')
  }
}

/**
 * Deletes the account's tenant rows (sessions, repo, blobs) and reports its
 * removal, in one transaction. Outbox rows stay: the sequencer still owes relays those events.
 */
function removeAccount(storage: Storage, dbName: string, did: string): Promise<void> {
  return storage.transact(dbName, async (tx) => {
    // The repo's lock, then the account's row, as a commit takes them; a move's mark set since is seen.
    await tx.repo.lockForCommit(did)
    if ((await tx.accounts.holdForWrite(did, { changesAccount: true }))?.moving) throw accountMovingError()
    await tx.accounts.delete(did)
    await outbox.account(tx, did, 'removed')
  })
}

/**
 * Logs an op of ours the directory took (or that waits for it: publishedAt
 * null) as the account's latest, in its tenant's `plc_operation` log and its
 * row; refused while a move to another of our domains is under way (its copy
 * would miss the op).
 */
async function logPlcOp(tx: TenantTransactor, did: string, op: unknown, publishedAt: string | null): Promise<void> {
  await refuseWhileMoving(tx, did)
  await tx.plc.append(did, op, publishedAt)
}
