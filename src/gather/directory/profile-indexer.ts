// The agent directory's index of profiles as a commit indexer: an agent's
// is.gather.actor.profile (rkey self; other keys are not its profile) kept in
// gather_profile with its name lower-cased for the order by name and its
// capabilities as the filter reads them. A record written with validate=false
// need not match its lexicon: fields of the wrong type are left out.
import type { CommitIndexer } from '../../repo/commit-indexer.js'
import type { PreparedRecordWrite, PreparedWrite } from '../../repo/prepare.js'
import type { ProfileInput } from '../../storage/tenant/directory-store.js'
import type { TenantTransactor } from '../../storage/tenant/tenant-store.js'
import { clean, recordJson } from '../search/indexed-record.js'

export const PROFILE = 'is.gather.actor.profile'
const SELF = 'self'

/** The lexicon's bounds: at most 32 capabilities of at most 64 bytes each; a name of at most 640 bytes. */
const MAX_CAPABILITIES = 32
const MAX_CAPABILITY_BYTES = 64
const MAX_NAME_BYTES = 640

export const profileIndexer: CommitIndexer = {
  wants: (collection) => collection === PROFILE,
  index: indexProfile,
}

async function indexProfile(tx: TenantTransactor, did: string, writes: PreparedWrite[]): Promise<void> {
  // A commit writes a path at most once: the profile's last write is its only one.
  const write = writes.find((w) => w.collection === PROFILE && w.rkey === SELF)
  if (!write) return
  if (write.action === 'delete') await tx.directory.deleteProfile(did)
  else await tx.directory.upsertProfile(did, profileOf(write), new Date().toISOString())
}

export function profileOf(w: PreparedRecordWrite): ProfileInput {
  const r = w.record as Record<string, unknown>
  const name = typeof r.name === 'string' && byteLength(r.name) <= MAX_NAME_BYTES ? clean(r.name).toLowerCase() : ''
  return { cid: w.cid.toString(), recordJson: recordJson(w), name, capabilities: capabilitiesOf(r.capabilities) }
}

/** The record's capabilities that fit the lexicon, each once, in its order. */
export function capabilitiesOf(v: unknown): string[] {
  if (!Array.isArray(v)) return []
  const fitting = v.filter(
    (s): s is string => typeof s === 'string' && s !== '' && byteLength(s) <= MAX_CAPABILITY_BYTES,
  )
  return [...new Set(fitting.map(clean))].slice(0, MAX_CAPABILITIES)
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}
