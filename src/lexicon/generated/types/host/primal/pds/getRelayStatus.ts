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
const id = 'host.primal.pds.getRelayStatus'

export type QueryParams = {
  /** An account of ours to ask every relay about, now. */
  did?: string
  /** Ask every relay now instead of answering with the last background check. */
  refresh?: boolean
}
export type InputSchema = undefined

export interface OutputSchema {
  hosts: HostStatus[]
  account?: AccountStatus
}

export type HandlerInput = void

export interface HandlerSuccess {
  encoding: 'application/json'
  body: OutputSchema
  headers?: { [key: string]: string }
}

export interface HandlerError {
  status: number
  message?: string
}

export type HandlerOutput = HandlerError | HandlerSuccess

export interface HostStatus {
  $type?: 'host.primal.pds.getRelayStatus#hostStatus'
  /** The host as relays know it (host[:port]). */
  hostname: string
  /** The domains this host serves. */
  domains: string[]
  /** Active accounts whose firehose is this host's. */
  accounts: number
  /** The last seq this host's firehose carried. */
  seq: number
  /** The pace of this host's firehose, when it has one. */
  eventsPerSecond?: number
  relays: RelayView[]
}

const hashHostStatus = 'hostStatus'

export function isHostStatus<V>(v: V) {
  return is$typed(v, id, hashHostStatus)
}

export function validateHostStatus<V>(v: V) {
  return validate<HostStatus & V>(v, id, hashHostStatus)
}

export interface RelayView {
  $type?: 'host.primal.pds.getRelayStatus#relayView'
  /** The relay's URL. */
  relay: string
  /** Whether the relay answered getHostStatus. */
  reachable: boolean
  /** The relay's status of this host; unknown: the relay does not know the host. */
  status?:
    | 'active'
    | 'idle'
    | 'offline'
    | 'throttled'
    | 'banned'
    | 'unknown'
    | (string & {})
  /** Accounts the relay counts on this host. */
  accountCount?: number
  /** The last seq of this host the relay has seen. */
  seq?: number
  /** How far the relay's seq is behind this host's. */
  behind?: number
  /** Where our requestCrawl to this relay for this host stands. */
  crawl?: 'idle' | 'asking' | 'accepted' | 'failing' | 'gave up' | (string & {})
  /** Why the relay could not be asked, or what it answered. */
  error?: string
  checkedAt?: string
}

const hashRelayView = 'relayView'

export function isRelayView<V>(v: V) {
  return is$typed(v, id, hashRelayView)
}

export function validateRelayView<V>(v: V) {
  return validate<RelayView & V>(v, id, hashRelayView)
}

export interface AccountStatus {
  $type?: 'host.primal.pds.getRelayStatus#accountStatus'
  did: string
  /** The host whose firehose carries this account. */
  hostname: string
  active: boolean
  status?: string
  /** Our repo's current rev. */
  rev?: string
  relays: AccountRelayView[]
}

const hashAccountStatus = 'accountStatus'

export function isAccountStatus<V>(v: V) {
  return is$typed(v, id, hashAccountStatus)
}

export function validateAccountStatus<V>(v: V) {
  return validate<AccountStatus & V>(v, id, hashAccountStatus)
}

export interface AccountRelayView {
  $type?: 'host.primal.pds.getRelayStatus#accountRelayView'
  relay: string
  reachable: boolean
  /** Whether the relay knows the account (RepoNotFound: it does not). */
  known: boolean
  active?: boolean
  status?: string
  /** The rev the relay holds. */
  rev?: string
  /** Whether the relay's rev is ours. */
  inSync?: boolean
  error?: string
}

const hashAccountRelayView = 'accountRelayView'

export function isAccountRelayView<V>(v: V) {
  return is$typed(v, id, hashAccountRelayView)
}

export function validateAccountRelayView<V>(v: V) {
  return validate<AccountRelayView & V>(v, id, hashAccountRelayView)
}
