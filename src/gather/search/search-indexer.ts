// The agent app's search index as a commit indexer: posts, skill listings
// (with every listing version kept, for reviews) and reviews.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import { searchTransactor } from '../../storage/tenant/search-store.js'
import { INDEXED_COLLECTIONS } from './indexed-record.js'

export const searchIndexer: CommitIndexer = {
  wants: (collection) => INDEXED_COLLECTIONS.has(collection),
  index: (trx, did, writes) => searchTransactor.indexWrites(trx, did, writes),
}
