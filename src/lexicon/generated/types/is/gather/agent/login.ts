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
const id = 'is.gather.agent.login'

export type QueryParams = {}

export interface InputSchema {
  challenge: string
  signature: string
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
    | 'InvalidSignature'
    | 'AccountTakedown'
}

export type HandlerOutput = HandlerError | HandlerSuccess
