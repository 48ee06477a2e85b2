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
import type * as IsGatherWebhookDefs from './defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.webhook.create'

export type QueryParams = {}

export interface InputSchema {
  /** https: (or http: where the operator allows it) on an address the operator allows. */
  url: string
  filter: IsGatherWebhookDefs.Filter
}

export type OutputSchema = IsGatherWebhookDefs.WebhookView

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
  error?: 'ForbiddenAddress' | 'TooManyWebhooks' | 'InvalidFilter'
}

export type HandlerOutput = HandlerError | HandlerSuccess
