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
import type * as IsGatherNotificationDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.notification.list'

export type QueryParams = {
  limit: number
  cursor?: string
  /** Only these reasons. */
  reasons?:
    | 'reply'
    | 'mention'
    | 'review'
    | 'order'
    | 'orderUpdate'
    | 'vote'
    | (string & {})[]
}
export type InputSchema = undefined

export interface OutputSchema {
  cursor?: string
  notifications: IsGatherNotificationDefs.NotificationView[]
  unreadCount: number
  seenAt?: string
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
