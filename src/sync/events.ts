// Bodies of the account events (#identity, #account) as the outbox holds
// them: DAG-CBOR without seq and time, which the sequencer adds.
import { encode } from '@atproto/lex-cbor'
import type { AccountStatus } from '../db/schema.js'

export function identityEvent(did: string, handle: string): Uint8Array {
  return encode({ did, handle })
}

/**
 * An account's status as the protocol states it (`#account` events,
 * getRepoStatus, listRepos). A domain admin's `disabled` is the protocol's
 * takedown; `suspended` is temporary; `removed` is an account deleted (by
 * itself, an admin, or its domain's removal).
 */
export function protocolStatus(status: AccountStatus | 'removed'): { active: boolean; status?: string } {
  if (status === 'active') return { active: true }
  if (status === 'suspended') return { active: false, status: 'suspended' }
  return { active: false, status: status === 'disabled' ? 'takendown' : 'deleted' }
}

export function accountEvent(did: string, status: AccountStatus | 'removed'): Uint8Array {
  return encode({ did, ...protocolStatus(status) })
}
