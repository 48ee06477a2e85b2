// The outboxes the sequencer drains: each tenant's, written in the same
// transaction as the change an event reports, and the management one, which
// outlives a removed domain's database. This module owns what goes in them:
// it builds every event body (events.ts) and appends it through the caller's
// tenant transactor; the sequencer reads and empties them.

import { type Cid, parseCid } from '@atproto/lex-data'
import type { CommitData } from '@atproto/repo'
import type { AccountState } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import type { TenantTransactor } from '../storage/tenant/tenant-store.js'
import { accountEvent, type CommitEventOp, commitEvent, identityEvent, syncEvent, syncEventAt } from './events.js'

/** A removed domain as the hand-over needs it: its database, and when it was added (to tell re-additions apart). */
export type RemovedTenant = { db_name: string; created_at: string }

export const outbox = {
  /** #commit, for a commit stored in the same transaction. */
  async commit(tx: TenantTransactor, did: string, commit: CommitData, ops: CommitEventOp[], prevData: Cid | null) {
    await tx.outbox.append(did, 'commit', await commitEvent(did, commit, ops, prevData))
  },

  /** #sync: the repo's whole current state, as a relay resets to it. */
  async sync(tx: TenantTransactor, did: string, commit: CommitData): Promise<void> {
    await tx.outbox.append(did, 'sync', await syncEvent(did, commit))
  },

  /** #identity: the account's handle (on creation and on every change). */
  identity(tx: TenantTransactor, did: string, handle: string): Promise<void> {
    return tx.outbox.append(did, 'identity', identityEvent(did, handle))
  },

  /** #account: the account's status, or its removal. */
  account(tx: TenantTransactor, did: string, status: AccountState | 'removed'): Promise<void> {
    return tx.outbox.append(did, 'account', accountEvent(did, status))
  },

  /**
   * #sync of the repo's current commit, read inside `tx`: what the official
   * PDS sends when an account is activated, so a relay that dropped the repo
   * while it was inactive picks it up again at its current state.
   */
  async resync(tx: TenantTransactor, did: string): Promise<void> {
    const root = await tx.repo.getRoot(did)
    if (!root) return
    const cid = parseCid(root.cid)
    const block = await tx.repo.blockstore(did, cid).getBytes(cid)
    if (!block) throw new Error(`repo ${did} has no block for its commit ${root.cid}`)
    await tx.outbox.append(did, 'sync', await syncEventAt(did, { cid, rev: root.rev, block }))
  },

  /**
   * The firehose knows a tenant's events by database name and outbox id, and a
   * domain added again under a removed one's name gets the same database name:
   * its outbox ids start above every id that name has had, so none of its
   * events is taken for one already sequenced.
   */
  async continueIds(storage: Storage, dbName: string): Promise<void> {
    const used = await storage.managementReader.firehose.usedOutboxIds(dbName)
    if (used === 0) return
    await storage.write(dbName, (w) => w.outbox.continueIdsAfter(used))
  },

  /**
   * Before a tenant database goes, its events must outlive it: what its
   * outbox still holds moves to the management outbox (keeping its origin,
   * so the firehose cannot carry it twice), followed by an #account event
   * for every account, now deleted. Safe to repeat: origins are unique.
   * False when the database is gone already (nothing was handed over).
   */
  async handOver(storage: Storage, tenant: RemovedTenant): Promise<boolean> {
    if (!(await storage.tenantDbExists(tenant.db_name))) return false
    const { pending, dids } = await storage.read(tenant.db_name, async (t) => ({
      pending: await t.outbox.oldest(),
      dids: await t.accounts.dids(),
    }))
    const created_at = new Date().toISOString()
    await storage.managementTransactor.firehose.handOver([
      ...pending.map((r) => ({
        did: r.did,
        kind: r.kind,
        event: r.event,
        origin_source: tenant.db_name,
        origin_id: String(r.id),
        created_at,
      })),
      ...dids.map((did, i) => ({
        did,
        kind: 'account' as const,
        event: accountEvent(did, 'removed'),
        // A domain added again under this name is removed under another origin.
        origin_source: `${tenant.db_name}#removed@${tenant.created_at}`,
        origin_id: String(i + 1),
        created_at,
      })),
    ])
    return true
  },
}
