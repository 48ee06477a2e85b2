// Moderation of what an account hosts here (com.atproto.admin.*Subject*):
// takedowns of accounts, records and blobs, and their status. A taken-down
// account is one whose status refuses it (AccountService.updateStatus, so it
// is served and reported as any other takedown); a record or blob carries a
// `takedown_ref` and is not served while it does, though the repo still holds
// the record, signed, as the official PDS keeps it.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AccountService } from '../account/account-service.js'
import type { Logger } from '../lib/logger.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { Storage } from '../storage/storage.js'
import { accountState } from '../storage/tenant/account-store.js'
import type { RecordPath } from '../storage/tenant/repo-store.js'
import { outbox } from '../sync/outbox.js'

/** com.atproto.admin.defs#statusAttr: whether a takedown (or deactivation) applies, and which action made it. */
export type StatusAttr = { applied: boolean; ref?: string }

export type ModerationServiceDeps = {
  storage: Storage
  accounts: AccountService
  /** Tells the sequencer that a tenant's outbox has new rows. */
  outboxWritten: (source: string) => void
  logger: Logger
}

export class ModerationService {
  constructor(private readonly deps: ModerationServiceDeps) {}

  /**
   * The account's takedown (suspended and disabled are both moderation's:
   * neither is served) and deactivation (its owner's, or an operator's, kept
   * apart from the takedown); undefined when its tenant row is gone.
   */
  async accountStatus(located: LocatedAccount): Promise<{ takedown: StatusAttr; deactivated: StatusAttr } | undefined> {
    const account = await this.deps.storage.read(located.db_name, (t) => t.accounts.summary(located.did))
    if (!account) return undefined
    const takedown: StatusAttr =
      account.status === 'active' ? { applied: false } : { applied: true, ref: account.takedown_ref ?? undefined }
    return { takedown, deactivated: { applied: account.deactivated_at !== null } }
  }

  /** The record's current CID and takedown; undefined when there is no such record. */
  async recordStatus(
    located: LocatedAccount,
    path: RecordPath,
  ): Promise<{ cid: string; takedown: StatusAttr } | undefined> {
    const row = await this.deps.storage.read(located.db_name, (t) =>
      t.repo.recordTakedown(located.did, path.collection, path.rkey),
    )
    return row && { cid: row.cid, takedown: statusOf(row.takedown_ref) }
  }

  /** The blob's takedown; undefined when the account has no such blob. */
  async blobStatus(located: LocatedAccount, cid: string): Promise<StatusAttr | undefined> {
    const row = await this.deps.storage.read(located.db_name, (t) => t.blobs.takedown(located.did, cid))
    return row && statusOf(row.takedown_ref)
  }

  /**
   * Takes the account down (status `disabled`, its sessions ended) or
   * restores it (`active`, from disabled or suspended); either way an
   * #account event reports its status, as the official PDS sequences one.
   */
  async takedownAccount(located: LocatedAccount, takedown: StatusAttr): Promise<void> {
    if (takedown.applied) {
      await this.deps.accounts.updateStatus(located, 'disabled', { ref: refOf(takedown), endSessions: true })
    } else {
      await this.deps.accounts.updateStatus(located, 'active')
    }
  }

  /** Reports the account's current status again (#account), as updateSubjectStatus without a change does. */
  async announceAccountStatus(located: LocatedAccount): Promise<void> {
    const account = await this.deps.accounts.summary(located)
    await this.deps.storage.transact(located.db_name, (tx) => outbox.account(tx, located.did, accountState(account)))
    this.deps.outboxWritten(located.db_name)
  }

  /** Takes a record down or restores it; a record that is not there has nothing to change (as the official PDS). */
  async takedownRecord(located: LocatedAccount, path: RecordPath, takedown: StatusAttr): Promise<void> {
    const ref = takedown.applied ? refOf(takedown) : null
    const found = await this.deps.storage.write(located.db_name, (w) =>
      w.repo.setRecordTakedown(located.did, path, ref),
    )
    const uri = `at://${located.did}/${path.collection}/${path.rkey}`
    if (found) this.deps.logger.info({ did: located.did, tenant: located.domain, uri, ref }, 'record takedown changed')
  }

  /** Takes a blob down or restores it; a blob that is not there has nothing to change (as the official PDS). */
  async takedownBlob(located: LocatedAccount, cid: string, takedown: StatusAttr): Promise<void> {
    const ref = takedown.applied ? refOf(takedown) : null
    const found = await this.deps.storage.write(located.db_name, (w) => w.blobs.setTakedown(located.did, cid, ref))
    if (found) this.deps.logger.info({ did: located.did, tenant: located.domain, cid, ref }, 'blob takedown changed')
  }

  /** Deactivates the account or activates it, as its owner would (see AccountService.deactivate and activate). */
  async deactivateAccount(located: LocatedAccount, deactivated: StatusAttr): Promise<void> {
    if (deactivated.applied) await this.deps.accounts.deactivate(located)
    else await this.deps.accounts.activate(located)
  }
}

function statusOf(takedownRef: string | null): StatusAttr {
  return takedownRef === null ? { applied: false } : { applied: true, ref: takedownRef }
}

/** Longest takedown ref stored (the column's size); Ozone's refs are short ids. */
const MAX_REF_LENGTH = 512

/** The ref a takedown is stored under: the one given, else when it was applied (as the official PDS). */
function refOf(takedown: StatusAttr): string {
  const ref = takedown.ref ?? new Date().toISOString()
  if (ref.length > MAX_REF_LENGTH || unstorableText(ref)) {
    throw new InvalidRequestError(`takedown ref must be at most ${MAX_REF_LENGTH} characters, without NUL`)
  }
  return ref
}
