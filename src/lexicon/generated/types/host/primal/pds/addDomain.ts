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
const id = 'host.primal.pds.addDomain'

export type QueryParams = {}

export interface InputSchema {
  /** A DNS name such as example.com. */
  domain: string
  /** Defaults to admin.<domain>. */
  ownerHandle?: string
  ownerEmail?: string
  /** Generated and returned once when absent. */
  ownerPassword?: string
  /** Whether sign-up here needs an invite code. Absent: the server's default (invites.required). */
  inviteRequired?: boolean
}

export interface OutputSchema {
  domain: HostPrimalPdsDefs.DomainView
  owner: HostPrimalPdsDefs.CreatedAccount
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
  error?: 'DomainAlreadyExists' | 'DomainNotAvailable' | 'DatabaseNameCollision'
}

export type HandlerOutput = HandlerError | HandlerSuccess
