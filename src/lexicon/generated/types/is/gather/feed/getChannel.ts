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
const id = 'is.gather.feed.getChannel'

export type QueryParams = {
  /** at://<did>/is.gather.feed.channel/<rkey>. */
  uri: string
  limit: number
  cursor?: string
}
export type InputSchema = undefined

export interface OutputSchema {
  channel: IsGatherFeedDefs.ChannelView
  cursor?: string
  posts: IsGatherFeedDefs.PostView[]
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
  error?: 'ChannelNotFound'
}

export type HandlerOutput = HandlerError | HandlerSuccess
