// Moving an account between two of our tenant domains (alice.a.com to
// alice.b.com): its rows go from domain A's database to B's, its DID stays.
// Atomic from the outside through a journal row in the management database:
//   1. journal (phase 'copying'), then the account is marked moving in A under
//      its repo lock: commits, logins and refreshes there are refused (503
//      AccountMoving) from then on, and those under way finish first;
//   2. A's outbox hands the account's events to the firehose (waited for), so
//      every event of it from A is sequenced before any from B;
//   3. every row is copied into B, page by page (a partial copy of an earlier
//      attempt is deleted first; memory holds one page); the copy is still
//      marked moving, and no one reads it in B before the switch;
//   4. the switch: the home (did_routing) names B and the new handle in the
//      same management transaction that sets the journal to 'switched';
//   5. A's rows are deleted, then the PLC op for the new handle, then in one B
//      transaction the op is logged, the mark cleared and #identity written.
// A crash before the switch is undone (B's copy deleted, A unmarked); after
// it, finished: by a retry, at start, or by the periodic sweep. The PLC op
// comes after the switch so the DID document never names a handle our homes
// do not: until it lands the account is blocked in B (the old handle's
// document is merely stale), and every retry chains a fresh op on the
// directory's latest, so a crash after it was accepted only repeats it.
// One move of an account runs at a time: the journal is keyed by DID, and a
// session advisory lock per DID (gone with its process) tells a move under
// way from one a crash left.
import { createHash } from 'node:crypto'
import { setTimeout as delay } from 'node:timers/promises'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { PlcService } from '../identity/plc-service.js'
import { type BackgroundJob, Ticker } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { accountMovingError } from '../lib/unavailable.js'
import type { AccountMove } from '../storage/management/account-move-store.js'
import { type Domain, isUniqueViolation, type TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import { copyAccount } from '../storage/tenant/account-copy-store.js'
import { accountState } from '../storage/tenant/account-store.js'
import type { TenantTransactor } from '../storage/tenant/tenant-store.js'
import { outbox } from '../sync/outbox.js'
import type { PendingHomes } from './pending-homes.js'

export type AccountMovesDeps = {
  storage: Storage
  registry: TenantRegistry
  plc: PlcService
  pending: PendingHomes
  outboxWritten: (source: string) => void
  /** Forgets what this process remembers of the account's home and handles (once it moved). */
  forget: (did: string, handles: string[]) => Promise<void>
  /** How long step 2 waits for A's outbox. */
  drainTimeoutMs: number
  sweepIntervalMs: number
  /** How long one owner's consent to a move waits for the other owner's. */
  consentTtlMs: number
  logger: Logger
}

/** The advisory lock keys of moves: one per DID, in a range of their own ("mv"). */
const LOCK_BASE = 0x6d76 * 2 ** 32
/** How often step 2 looks at A's outbox again. */
const DRAIN_POLL_MS = 25

export class AccountMoves implements BackgroundJob {
  readonly name = 'account-moves'
  private readonly underway = new Set<string>()
  private readonly ticker = new Ticker(
    () => this.recover(),
    (err) => this.deps.logger.warn({ err }, 'looking for interrupted account moves failed; the next sweep retries'),
  )

  constructor(private readonly deps: AccountMovesDeps) {}

  /**
   * Moves the account `did` to `handle` under the active domain `to`, and
   * answers the handle. A move of it a crash left is finished or undone
   * first; the same move finished by that is not done again.
   */
  async move(did: string, handle: string, to: Domain, from: string): Promise<string> {
    return this.exclusively(did, async () => {
      const prior = await this.deps.storage.managementTransactor.moves.get(did)
      if (prior) await this.settle(prior)
      const home = await this.deps.registry.findHome('did', did)
      if (!home) throw new InvalidRequestError(`Account not found: ${did}`, 'AccountNotFound')
      // What was asked (and consented to) is a move out of `from`: not out of wherever it went since.
      if (home.domain !== from && !(home.domain === to.name && home.handle === handle)) {
        throw new InvalidRequestError(`The account is no longer in ${from}: it moved to ${home.domain} meanwhile`)
      }
      if (home.domain === to.name && home.handle === handle) return handle
      if (home.domain === to.name) throw new InvalidRequestError(`The account is in ${to.name} already`)
      const role = await this.deps.storage.read(home.db_name, (t) => t.accounts.summary(did))
      if (!role) throw new InvalidRequestError(`Account not found: ${did}`, 'AccountNotFound')
      if (role.role === 'owner') {
        throw new InvalidRequestError('The owner of a domain cannot move to another domain; it stays with its domain')
      }
      if (!(await this.deps.pending.handleAvailable(handle))) throw handleTaken(handle)
      // Before anything changes: the directory must still let this server change the DID's handle.
      await this.deps.plc.handleUpdateOp(home.db_name, did, handle)
      let row: AccountMove
      try {
        row = await this.deps.storage.managementTransactor.moves.begin({
          did,
          from_domain: home.domain,
          from_db: home.db_name,
          to_domain: to.name,
          to_db: to.db_name,
          old_handle: home.handle,
          new_handle: handle,
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw accountMovingError()
        throw err
      }
      try {
        await this.block(row)
        await this.drainOutbox(row)
        await this.copy(row)
        if (!(await this.switchHome(row))) throw new InvalidRequestError(`Account not found: ${did}`, 'AccountNotFound')
      } catch (err) {
        await this.undo(row)
        if (isUniqueViolation(err)) throw handleTaken(handle)
        throw err
      }
      await this.deps.forget(did, [row.old_handle, row.new_handle])
      this.deps.logger.info({ did, from: row.from_domain, to: row.to_domain, handle }, 'account moved')
      await this.finish(row)
      return handle
    })
  }

  /**
   * Notes that the owner `ownerDid` of `domain` consents to moving `did` to
   * `handle` (from or into their domain); true once the owners of both
   * domains have, within the consent's lifetime: the caller then moves the
   * account, and clears the consents once it has moved.
   */
  consent(did: string, handle: string, owner: { did: string; domain: string }, both: string[]): Promise<boolean> {
    const expiresAt = new Date(Date.now() + this.deps.consentTtlMs).toISOString()
    return this.deps.storage.managementTransactor.transact((tx) =>
      tx.moves.consent({ did, newHandle: handle, domain: owner.domain, ownerDid: owner.did, expiresAt }, both),
    )
  }

  /** Drops the consents to move `did`, once it has moved. */
  clearConsents(did: string): Promise<void> {
    return this.deps.storage.managementTransactor.moves.clearConsents(did)
  }

  /** Finishes or undoes every move a crash (or an outage) left in the journal; how many. */
  async recover(): Promise<number> {
    await this.deps.storage.managementTransactor.moves.dropExpiredConsents(new Date())
    let settled = 0
    for (const row of await this.deps.storage.managementTransactor.moves.list()) {
      try {
        await this.exclusively(row.did, async () => {
          // Read again under the lock: the move may have ended since the list was read.
          const now = await this.deps.storage.managementTransactor.moves.get(row.did)
          if (now) await this.settle(now)
        })
        settled++
      } catch (err) {
        this.deps.logger.warn({ err, did: row.did }, 'an interrupted account move is still unsettled; retried later')
      }
    }
    return settled
  }

  start(): void {
    this.ticker.start(this.deps.sweepIntervalMs)
  }

  stop(): Promise<void> {
    return this.ticker.stop()
  }

  runOnce(): Promise<number> {
    return this.recover()
  }

  /** Runs `fn` as the only move of `did` anywhere; AccountMoving when another runs. */
  private async exclusively<T>(did: string, fn: () => Promise<T>): Promise<T> {
    if (this.underway.has(did)) throw accountMovingError()
    this.underway.add(did)
    try {
      const lock = await this.deps.storage.coordination.tryLead(lockKey(did))
      if (!lock) throw accountMovingError()
      try {
        return await fn()
      } finally {
        await lock.release()
      }
    } finally {
      this.underway.delete(did)
    }
  }

  /** A journalled move no one is running: undone before the switch, finished after it. */
  private async settle(row: AccountMove): Promise<void> {
    if (row.phase === 'switched') {
      await this.deps.forget(row.did, [row.old_handle, row.new_handle])
      await this.finish(row)
      this.deps.logger.warn({ did: row.did, to: row.to_domain }, 'interrupted account move finished')
    } else {
      await this.undo(row)
      this.deps.logger.warn({ did: row.did, from: row.from_domain }, 'interrupted account move undone')
    }
  }

  /** Step 1: under the repo lock, so a commit under way lands first and the next one sees the mark. */
  private async block(row: AccountMove): Promise<void> {
    await this.deps.storage.transact(row.from_db, async (tx) => {
      await tx.repo.lockForCommit(row.did)
      if (!(await tx.accounts.setMoving(row.did, new Date().toISOString()))) {
        throw new InvalidRequestError(`Account not found: ${row.did}`, 'AccountNotFound')
      }
    })
  }

  /** Step 2: waits until A's outbox holds no event of the account (none can be added now). */
  private async drainOutbox(row: AccountMove): Promise<void> {
    const deadline = Date.now() + this.deps.drainTimeoutMs
    for (;;) {
      this.deps.outboxWritten(row.from_db)
      if (!(await this.deps.storage.read(row.from_db, (t) => t.outbox.holds(row.did)))) return
      if (Date.now() > deadline) throw accountMovingError()
      await delay(DRAIN_POLL_MS)
    }
  }

  /**
   * Step 3: every row into B, after deleting a partial copy an earlier
   * attempt left; page by page (copyAccount), so a move holds one page, never
   * the account. Until the switch, B's copy is read by no one (the home names
   * A) and recovery deletes it if the move does not finish. The account
   * arrives as a user: a role is its domain's to give (an admin of A is nobody in B).
   */
  private async copy(row: AccountMove): Promise<void> {
    const { storage } = this.deps
    await storage.transact(row.to_db, (tx) => tx.accounts.delete(row.did))
    await copyAccount(storage, row.from_db, row.to_db, row.did, { handle: row.new_handle, role: 'user' })
  }

  /** Step 4: the home names B in the transaction that records the switch; false when the home is gone. */
  private switchHome(row: AccountMove): Promise<boolean> {
    return this.deps.storage.managementTransactor.transact(async (m) => {
      const now = await m.moves.lock(row.did)
      if (now?.phase !== 'copying') return false
      if (!(await m.registry.moveHome(row.did, row.from_domain, row.to_domain, row.new_handle))) return false
      await m.moves.setPhase(row.did, 'switched')
      return true
    })
  }

  /** Step 5, idempotent: A's rows go, then the PLC op, then B takes writes again and says so (#identity). */
  private async finish(row: AccountMove): Promise<void> {
    const { storage, plc } = this.deps
    if (await storage.tenantDbExists(row.from_db)) {
      await storage.transact(row.from_db, (tx) => tx.accounts.delete(row.did))
    }
    // Codes mailed in A's name were dropped with its rows.
    await this.deps.registry.deleteTokenHomes(row.did)
    const account = await storage.read(row.to_db, (t) => t.accounts.summary(row.did))
    if (account?.moving_since) {
      let op: Awaited<ReturnType<PlcService['handleUpdateOp']>>
      try {
        op = await plc.handleUpdateOp(row.to_db, row.did, row.new_handle)
      } catch (err) {
        // The directory no longer lets this server change the DID: the user took it elsewhere with their
        // own key meanwhile. The move ends there, the account as one that moved away (no retry can do more).
        if (!(err instanceof InvalidRequestError)) throw err
        await this.endAsDeparted(row)
        return
      }
      const publishedAt = await plc.publish(row.did, op)
      await storage.transact(row.to_db, async (tx) => {
        await tx.plc.append(row.did, op, publishedAt)
        await tx.accounts.setMoving(row.did, null)
        await outbox.identity(tx, row.did, row.new_handle)
      })
      this.deps.outboxWritten(row.to_db)
    }
    await storage.managementTransactor.moves.end(row.did)
  }

  /** Ends a switched move whose DID left this server meanwhile: in B, unmarked and marked moved away (#account). */
  private async endAsDeparted(row: AccountMove): Promise<void> {
    const { storage } = this.deps
    await storage.transact(row.to_db, async (tx) => {
      await tx.repo.lockForCommit(row.did)
      await tx.accounts.setMoving(row.did, null)
      await tx.accounts.markMoved(row.did)
      const now = await tx.accounts.summary(row.did)
      if (now) await outbox.account(tx, row.did, accountState(now))
    })
    this.deps.outboxWritten(row.to_db)
    await storage.managementTransactor.moves.end(row.did)
    this.deps.logger.warn(
      { did: row.did, to: row.to_domain },
      'a moved account left for another PDS before its move finished',
    )
  }

  /** Before the switch only: B's copy goes, A takes writes again. */
  private async undo(row: AccountMove): Promise<void> {
    const { storage } = this.deps
    // A switch whose answer was lost may have committed: then the move is B's to finish, never to undo.
    const now = await storage.managementTransactor.moves.get(row.did)
    if (now?.phase === 'switched') return this.finish(now)
    if (await storage.tenantDbExists(row.to_db)) {
      await storage.transact(row.to_db, (tx) => tx.accounts.delete(row.did))
    }
    if (await storage.tenantDbExists(row.from_db)) {
      await storage.write(row.from_db, (w) => w.accounts.setMoving(row.did, null))
    }
    await storage.managementTransactor.moves.end(row.did)
  }
}

/**
 * First in a transaction that changes an account or reports it (#account,
 * #identity): holds its row, and refuses while the account is being moved,
 * whose copy would miss the change (and whose events from A must all come
 * first), or once its row has left this tenant.
 */
export function refuseWhileMoving(tx: TenantTransactor, did: string): Promise<void> {
  return tx.accounts.holdUnlessMoving(did, { changesAccount: true })
}

function handleTaken(handle: string): InvalidRequestError {
  return new InvalidRequestError(`Handle already taken: ${handle}`, 'HandleNotAvailable')
}

function lockKey(did: string): number {
  return LOCK_BASE + createHash('sha256').update(did).digest().readUInt32BE(0)
}
