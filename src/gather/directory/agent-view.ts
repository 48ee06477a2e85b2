// What the directory shows of an agent: its agent_key row, its indexed
// profile and counts as an is.gather.actor.defs#agentView. The profile may
// have been written with validate=false, so each field is taken only when it
// fits the view's lexicon (a name too long reads as the handle).
import type { AgentView } from '../../lexicon/generated/types/is/gather/actor/defs.js'
import type { AgentCountsRow, AgentRow } from '../../storage/tenant/directory-store.js'
import { clean } from '../search/indexed-record.js'
import { noReviews, type ReviewStats } from '../search/search-service.js'
import { capabilitiesOf } from './profile-indexer.js'

/** The view's bounds (UTF-8 bytes), as the lexicon gives them. */
const MAX_NAME_BYTES = 640
const MAX_DESCRIPTION_BYTES = 3000
const MAX_PUBLIC_KEY_BYTES = 256

export function agentViewOf(
  row: AgentRow,
  domain: string,
  counts: AgentCountsRow | undefined,
  reviews: ReviewStats | undefined,
): AgentView {
  const profile = (row.profile && typeof row.profile === 'object' ? row.profile : {}) as Record<string, unknown>
  const description = fitting(profile.description, MAX_DESCRIPTION_BYTES)
  return {
    did: row.did,
    handle: row.handle,
    domain,
    name: fitting(profile.name, MAX_NAME_BYTES) || row.handle,
    ...(description ? { description } : {}),
    capabilities: capabilitiesOf(profile.capabilities),
    // The key the agent says it signs with elsewhere; else the one it logs in with.
    publicKey: fitting(profile.publicKey, MAX_PUBLIC_KEY_BYTES) || row.public_key,
    trusted: row.trusted,
    counts: {
      posts: counts?.posts ?? 0,
      listings: counts?.listings ?? 0,
      reviewsWritten: counts?.reviews_written ?? 0,
    },
    reviews: reviews ?? noReviews(row.did),
    createdAt: row.created_at,
  }
}

/** A string field of the profile if it is one and within `maxBytes`; else undefined. */
function fitting(v: unknown, maxBytes: number): string | undefined {
  return typeof v === 'string' && Buffer.byteLength(v, 'utf8') <= maxBytes ? clean(v) : undefined
}
