// The inbox as a commit indexer: a record that concerns other accounts
// notifies them when it is created (notificationsOf: the one rule, shared
// with the webhooks, which are sent creates only); an update keeps those of
// its notifications that still hold, at their first time, and tells no one
// anew; a delete takes them away. The rows live in the author's tenant.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedWrite } from '../../repo/prepare.js'
import type { NotificationInput } from '../../storage/tenant/notification-store.js'
import type { TenantTransactor } from '../../storage/tenant/tenant-store.js'
import { recordJson } from '../search/indexed-record.js'
import { NOTIFYING_COLLECTIONS, notificationsOf } from './notification-reasons.js'

export const notificationIndexer: CommitIndexer = {
  wants: (collection) => NOTIFYING_COLLECTIONS.has(collection),
  index: indexWrites,
}

async function indexWrites(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void> {
  const written: NotificationInput[] = []
  const deleted: { collection: string; rkey: string }[] = []
  for (const w of writes) {
    if (!NOTIFYING_COLLECTIONS.has(w.collection)) continue
    if (w.action === 'delete') {
      deleted.push({ collection: w.collection, rkey: w.rkey })
      continue
    }
    // Even with no one to notify now, an update must clear whom the old version notified.
    const targets = notificationsOf(did, w.collection, w.record)
    written.push({
      collection: w.collection,
      rkey: w.rkey,
      cid: w.cid.toString(),
      recordJson: targets.length > 0 ? recordJson(w) : '{}',
      targets,
      update: w.action === 'update',
    })
  }
  await tx.notifications.remove(did, deleted)
  await tx.notifications.replace(did, written, new Date().toISOString())
}
