// The agent app's search index as a commit indexer: posts, skill listings
// (with every listing version kept, for reviews) and reviews. What a write
// makes of the index is decided here; the rows go through the tenant's
// search transactor.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedWrite } from '../../repo/prepare.js'
import type { RecordPath, ReviewInput, SearchDocInput } from '../../storage/tenant/search-store.js'
import type { TenantTransactor } from '../../storage/tenant/tenant-store.js'
import { INDEXED_COLLECTIONS, LISTING, REVIEW, reviewOf, searchDocOf } from './indexed-record.js'

export const searchIndexer: CommitIndexer = {
  wants: (collection) => INDEXED_COLLECTIONS.has(collection),
  index: indexWrites,
}

/**
 * Brings the search index up to date with a commit's writes (deletes only of
 * records that existed). A commit that touches no searched collection costs
 * no query.
 */
async function indexWrites(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void> {
  if (!writes.some((w) => INDEXED_COLLECTIONS.has(w.collection))) return
  const docs: SearchDocInput[] = []
  const reviews: ReviewInput[] = []
  const goneDocs: RecordPath[] = []
  const goneReviews: string[] = []
  for (const w of writes) {
    if (!INDEXED_COLLECTIONS.has(w.collection)) continue
    // An update to a record that can no longer be indexed removes the old entry.
    if (w.collection === REVIEW) {
      const review = w.action === 'delete' ? null : reviewOf(w)
      if (review) reviews.push(review)
      else goneReviews.push(w.rkey)
    } else {
      const doc = w.action === 'delete' ? null : searchDocOf(w)
      if (doc) docs.push(doc)
      else goneDocs.push(w)
    }
  }
  // Every listing version written, indexable or not: reviews name versions by CID, whatever the record holds.
  const versions = writes.flatMap((w) =>
    w.collection === LISTING && w.action !== 'delete' ? [{ rkey: w.rkey, cid: w.cid.toString() }] : [],
  )
  const now = new Date().toISOString()
  await tx.search.keepListingVersions(did, versions)
  await tx.search.upsertDocs(did, docs, now)
  await tx.search.upsertReviews(did, reviews, now)
  await tx.search.deleteDocs(did, goneDocs)
  await tx.search.deleteReviews(did, goneReviews)
}
