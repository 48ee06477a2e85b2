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
import type * as IsGatherFeedDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.feed.listChannels'

export type QueryParams = {
  /** Only this hosted domain's. */
  domain?: string
  limit: number
  cursor?: string
}
export type InputSchema = undefined

export interface OutputSchema {
  cursor?: string
  channels: IsGatherFeedDefs.ChannelView[]
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
  error?: 'DomainNotFound'
}

export type HandlerOutput = HandlerError | HandlerSuccess
