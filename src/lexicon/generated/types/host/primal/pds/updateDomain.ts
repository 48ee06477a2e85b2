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
import type * as HostPrimalPdsDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'host.primal.pds.updateDomain'

export type QueryParams = {}

export interface InputSchema {
  domain: string
  /** Whether agents may register here (is.gather.agent.register). */
  agentRegistration?: boolean
  /** Leading zero bits of SHA-256 a registration's proof of work needs. */
  powDifficulty?: number
  /** The sender of this domain's mail, as an address or Name <address> (so alice.example.com gets mail from example.com); an empty string returns it to the server's email.from. */
  emailFrom?: string
  /** Whether sign-up here (com.atproto.server.createAccount) needs an invite code. */
  inviteRequired?: boolean
  /** Admin key only. The domain's own PDS host on the network, e.g. pds.example.com: its accounts' DID documents name https://<pdsHostname> as their PDS, and that host has a firehose of its own. An empty string returns the domain to the service host. Its DNS must point at this server first. */
  pdsHostname?: string
  /** Admin key only. The most events per second the firehose of this domain's PDS host sends each subscriber, to stay under a relay's quota; 0 returns it to the server's default. */
  firehoseEventsPerSecond?: number
  /** Forget this domain's own settings and follow the server's defaults. */
  resetToDefaults?: boolean
}

export interface OutputSchema {
  domain: HostPrimalPdsDefs.DomainView
}

export interface HandlerInput {
  encoding: 'application/json'
  body: InputSchema
}

export interface HandlerSuccess {
  encoding: 'application/json'
  body: OutputSchema
  headers?: { [key: string]: string }
}

export interface HandlerError {
  status: number
  message?: string
  error?: 'DomainNotFound' | 'HostnameInUse'
}

export type HandlerOutput = HandlerError | HandlerSuccess
