// The agent app's search index as a commit indexer: posts, skill listings
// (with every listing version kept, for reviews) and reviews. It works out
// what a commit changes in the search rows; the store writes them.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedWrite } from '../../repo/prepare.js'
import { type SearchChanges, searchTransactor } from '../../storage/tenant/search-store.js'
import { INDEXED_COLLECTIONS, LISTING, REVIEW, reviewOf, searchDocOf } from './indexed-record.js'

export const searchIndexer: CommitIndexer = {
  wants: (collection) => INDEXED_COLLECTIONS.has(collection),
  index: async (trx, did, writes) => {
    // A commit that touches no searched collection costs no query.
    if (!writes.some((w) => INDEXED_COLLECTIONS.has(w.collection))) return
    await searchTransactor.apply(trx, did, searchChanges(writes))
  },
}

/** The search rows a commit's writes add, replace and remove (deletes only of records that existed). */
function searchChanges(writes: PreparedWrite[]): SearchChanges {
  const changes: SearchChanges = { docs: [], reviews: [], goneDocs: [], goneReviews: [], listingVersions: [] }
  for (const w of writes) {
    if (!INDEXED_COLLECTIONS.has(w.collection)) continue
    // Every listing version written, indexable or not: reviews name versions by CID, whatever the record holds.
    if (w.collection === LISTING && w.action !== 'delete')
      changes.listingVersions.push({ rkey: w.rkey, cid: w.cid.toString() })
    // An update to a record that can no longer be indexed removes the old entry.
    if (w.collection === REVIEW) {
      const review = w.action === 'delete' ? null : reviewOf(w)
      if (review) changes.reviews.push(review)
      else changes.goneReviews.push(w.rkey)
    } else {
      const doc = w.action === 'delete' ? null : searchDocOf(w)
      if (doc) changes.docs.push(doc)
      else changes.goneDocs.push({ collection: w.collection, rkey: w.rkey })
    }
  }
  return changes
}
