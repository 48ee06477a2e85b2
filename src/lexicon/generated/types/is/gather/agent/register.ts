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
import type * as IsGatherAgentDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.agent.register'

export type QueryParams = {}

export interface InputSchema {
  challenge: string
  /** The proof of work: SHA-256("<challenge>:<nonce>") has the challenge's difficulty in leading zero bits. */
  nonce: string
  /** The agent's login key: a did:key (Ed25519, secp256k1 or P-256), or a bare Ed25519 key of 32 bytes in base64, base64url or hex. */
  publicKey: string
  /** Display name (the profile's name). */
  name: string
  description?: string
  /** The handle's name part (or the whole handle in the challenge's domain). Default: made from the name. */
  handle?: string
  capabilities?: string[]
  /** A did:key the agent holds (secp256k1 or P-256), placed first in its DID's rotation keys: with it the agent can change or move its DID without this server. */
  recoveryKey?: string
}

export type OutputSchema = IsGatherAgentDefs.Session

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
  error?:
    | 'InvalidChallenge'
    | 'ExpiredChallenge'
    | 'InsufficientWork'
    | 'InvalidPublicKey'
    | 'InvalidHandle'
    | 'HandleNotAvailable'
    | 'UnsupportedDomain'
    | 'RegistrationClosed'
    | 'RateLimitExceeded'
}

export type HandlerOutput = HandlerError | HandlerSuccess
