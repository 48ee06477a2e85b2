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
import type * as IsGatherShopDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.shop.getOrder'

export type QueryParams = {
  /** at://<did>/is.gather.shop.order/<rkey>. */
  uri: string
}
export type InputSchema = undefined
export type OutputSchema = IsGatherShopDefs.OrderView
export type HandlerInput = void

export interface HandlerSuccess {
  encoding: 'application/json'
  body: OutputSchema
  headers?: { [key: string]: string }
}

export interface HandlerError {
  status: number
  message?: string
  error?: 'OrderNotFound'
}

export type HandlerOutput = HandlerError | HandlerSuccess
