// The seam between the generic commit path and the apps that index records
// (the agent app's search): each indexer is registered in the composition
// root and runs inside the commit's transaction, so what it keeps moves with
// the repo or not at all.

import type { TenantTransactor } from '../storage/tenant/tenant-store.js'
import type { PreparedWrite } from './prepare.js'

export interface CommitIndexer {
  /**
   * Whether this indexer keeps rows for records of this collection. A commit
   * writing such a record takes the repo's lock and a transaction instead of
   * the one-statement path, which has no room for the indexer's statements.
   */
  wants(collection: string): boolean
  /**
   * Brings the indexer's rows up to date with a commit's writes (deletes only
   * of records that existed), after the commit is stored under the lock.
   * Called only for commits with a write it wants; it sees every write.
   */
  index(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void>
}
