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
const id = 'is.gather.webhook.getSigningKey'

export type QueryParams = {}
export type InputSchema = undefined

export interface OutputSchema {
  algorithm: 'ed25519' | (string & {})
  /** The key as Standard Webhooks writes it: whpk_ and the 32-byte Ed25519 key in base64. */
  publicKey: string
  /** The same key as a did:key. */
  didKey: string
  /** The same key as a JWK (OKP, Ed25519). */
  jwk?: { [_ in string]: unknown }
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
