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
const id = 'host.primal.pds.checkIdentity'

export type QueryParams = {}

export interface InputSchema {
  did?: string
}

export interface OutputSchema {
  account?: AccountCheck
  export?: ExportRun
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
  error?: 'AccountNotFound'
}

export type HandlerOutput = HandlerError | HandlerSuccess

export interface AccountCheck {
  $type?: 'host.primal.pds.checkIdentity#accountCheck'
  did: string
  /** Whether the DID document names this server's endpoint and the account's signing key; absent when there is no PLC directory to ask. */
  namesUs?: boolean
  moved: boolean
  movedAt?: string
  /** Whether this check is what marked the account moved. */
  newlyMoved: boolean
}

const hashAccountCheck = 'accountCheck'

export function isAccountCheck<V>(v: V) {
  return is$typed(v, id, hashAccountCheck)
}

export function validateAccountCheck<V>(v: V) {
  return validate<AccountCheck & V>(v, id, hashAccountCheck)
}

export interface ExportRun {
  $type?: 'host.primal.pds.checkIdentity#exportRun'
  /** Ops read from the export. */
  ops: number
  /** Hosted DIDs among them checked at the directory. */
  checked: number
  moved: string[]
  /** Where the export is now (the createdAt of the last op read). */
  cursor?: string
  /** Another process was reading the export: nothing was read. */
  busy: boolean
}

const hashExportRun = 'exportRun'

export function isExportRun<V>(v: V) {
  return is$typed(v, id, hashExportRun)
}

export function validateExportRun<V>(v: V) {
  return validate<ExportRun & V>(v, id, hashExportRun)
}
