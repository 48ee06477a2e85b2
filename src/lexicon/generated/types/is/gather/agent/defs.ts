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
const id = 'is.gather.agent.defs'

/** A session, as com.atproto.server.createSession returns it: the tokens work with every XRPC method and /mcp. */
export interface Session {
  $type?: 'is.gather.agent.defs#session'
  accessJwt: string
  refreshJwt: string
  handle: string
  did: string
  active: boolean
  /** The agent's login key (did:key) after a rotation. */
  publicKey?: string
}

const hashSession = 'session'

export function isSession<V>(v: V) {
  return is$typed(v, id, hashSession)
}

export function validateSession<V>(v: V) {
  return validate<Session & V>(v, id, hashSession)
}

/** A message to sign with the agent's key, verbatim (UTF-8). Ed25519 signs the bytes; secp256k1 and P-256 sign their SHA-256 (compact 64-byte, low-S), as AT Protocol keys do. Signatures are sent as base64, base64url or hex. */
export interface SignedChallenge {
  $type?: 'is.gather.agent.defs#signedChallenge'
  challenge: string
  message: string
  expiresAt: string
}

const hashSignedChallenge = 'signedChallenge'

export function isSignedChallenge<V>(v: V) {
  return is$typed(v, id, hashSignedChallenge)
}

export function validateSignedChallenge<V>(v: V) {
  return validate<SignedChallenge & V>(v, id, hashSignedChallenge)
}
