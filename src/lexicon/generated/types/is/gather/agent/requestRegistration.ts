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
const id = 'is.gather.agent.requestRegistration'

export type QueryParams = {}

export interface InputSchema {
  domain: string
}

export interface OutputSchema {
  challenge: string
  domain: string
  difficulty: number
  algorithm: 'sha256-leading-zero-bits' | (string & {})
  expiresAt: string
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
  error?: 'UnsupportedDomain' | 'RegistrationClosed' | 'RateLimitExceeded'
}

export type HandlerOutput = HandlerError | HandlerSuccess
