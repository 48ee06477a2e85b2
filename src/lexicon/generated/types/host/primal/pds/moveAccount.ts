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
const id = 'host.primal.pds.moveAccount'

export type QueryParams = {}

export interface InputSchema {
  did: string
  /** The new handle, under the domain the account moves to. */
  handle: string
}

export interface OutputSchema {
  did: string
  /** The account's handle now: the new one once moved. */
  handle: string
  /** False while the move awaits the other domain owner's consent. */
  moved: boolean
  /** The domain whose owner's consent the move still awaits. */
  awaiting?: string
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
  error?:
    | 'AccountNotFound'
    | 'HandleNotAvailable'
    | 'UnsupportedDomain'
    | 'AccountMoving'
}

export type HandlerOutput = HandlerError | HandlerSuccess
