/**
 * GENERATED CODE - DO NOT MODIFY
 */
import { type ValidationResult, BlobRef } from '@atproto/lexicon'
import { CID } from 'multiformats/cid'
import { validate as _validate } from '../../../../lexicons.js'
import {
  type $Typed,
  is$typed as _is$typed,
  type OmitKey,
} from '../../../../util.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'host.primal.pds.defs'

export interface DomainView {
  $type?: 'host.primal.pds.defs#domainView'
  /** The tenant domain; handles are <name>.<domain>. */
  name: string
  status: 'creating' | 'active' | 'removing' | (string & {})
  createdAt: string
  /** Whether agents may register here. */
  agentRegistration?: boolean
  /** Proof-of-work difficulty of agent registration here, in leading zero bits. */
  powDifficulty?: number
  /** The sender of this domain's mail, when it has its own; absent: the server's email.from. */
  emailFrom?: string
  /** Whether sign-up here (com.atproto.server.createAccount) needs an invite code. */
  inviteRequired?: boolean
  /** The domain's own PDS host on the network (its accounts' atproto_pds endpoint is https://<pdsHostname>); absent: the service host. */
  pdsHostname?: string
  /** Accounts of this domain whose DID document or firehose does not name the domain's PDS host yet (a change of pdsHostname is under way). */
  hostAccountsPending?: number
  /** The most events per second the firehose of this domain's PDS host sends each subscriber (0 or absent: no ceiling of its own; the server's default applies). */
  firehoseEventsPerSecond?: number
}

const hashDomainView = 'domainView'

export function isDomainView<V>(v: V) {
  return is$typed(v, id, hashDomainView)
}

export function validateDomainView<V>(v: V) {
  return validate<DomainView & V>(v, id, hashDomainView)
}

export interface AccountView {
  $type?: 'host.primal.pds.defs#accountView'
  did: string
  handle: string
  email?: string
  role: 'owner' | 'admin' | 'user' | (string & {})
  status: 'active' | 'suspended' | 'disabled' | (string & {})
  /** Set while the account is deactivated (com.atproto.server.deactivateAccount); status stays its moderation status. */
  deactivatedAt?: string
  /** Set when the account's DID document stopped naming this server (it moved to another PDS); it is deactivated with it, until activateAccount once the DID names this server again. */
  movedAt?: string
  createdAt: string
}

const hashAccountView = 'accountView'

export function isAccountView<V>(v: V) {
  return is$typed(v, id, hashAccountView)
}

export function validateAccountView<V>(v: V) {
  return validate<AccountView & V>(v, id, hashAccountView)
}

export interface CreatedAccount {
  $type?: 'host.primal.pds.defs#createdAccount'
  did: string
  handle: string
  role: 'owner' | 'admin' | 'user' | (string & {})
  /** Present only when the server generated the password. It is not stored in clear and is shown only this once. */
  password?: string
}

const hashCreatedAccount = 'createdAccount'

export function isCreatedAccount<V>(v: V) {
  return is$typed(v, id, hashCreatedAccount)
}

export function validateCreatedAccount<V>(v: V) {
  return validate<CreatedAccount & V>(v, id, hashCreatedAccount)
}
