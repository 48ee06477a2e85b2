// Bodies of the account events (#identity, #account) as the outbox holds
// them: DAG-CBOR without seq and time, which the sequencer adds.
import { encode } from '@atproto/lex-cbor'
import type { AccountStatus } from '../db/schema.js'

export function identityEvent(did: string, handle: string): Uint8Array {
  return encode({ did, handle })
}

/** `removed` is an account deleted (by itself, an admin, or its domain's removal). */
export function accountEvent(did: string, status: AccountStatus | 'removed'): Uint8Array {
  if (status === 'active') return encode({ did, active: true })
  const protocolStatus = status === 'suspended' ? 'suspended' : status === 'disabled' ? 'takendown' : 'deleted'
  return encode({ did, active: false, status: protocolStatus })
}
