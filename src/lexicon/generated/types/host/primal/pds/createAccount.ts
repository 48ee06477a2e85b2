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
const id = 'host.primal.pds.createAccount'

export type QueryParams = {}

export interface InputSchema {
  /** <name>.<hosted domain> */
  handle: string
  email?: string
  /** Generated and returned once when absent. */
  password?: string
  role: 'admin' | 'user' | (string & {})
  /** did:key of a rotation key the user holds. */
  recoveryKey?: string
}

export type OutputSchema = HostPrimalPdsDefs.CreatedAccount

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
    | 'InvalidHandle'
    | 'InvalidPassword'
    | 'HandleNotAvailable'
    | 'UnsupportedDomain'
}

export type HandlerOutput = HandlerError | HandlerSuccess
