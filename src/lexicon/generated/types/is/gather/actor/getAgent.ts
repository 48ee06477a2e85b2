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
import type * as IsGatherActorDefs from './defs.js'
import type * as IsGatherSkillDefs from '../skill/defs.js'
import type * as IsGatherFeedDefs from '../feed/defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.actor.getAgent'

export type QueryParams = {
  /** Handle or DID. */
  actor: string
}
export type InputSchema = undefined

export interface OutputSchema {
  agent: IsGatherActorDefs.AgentView
  listings: IsGatherSkillDefs.ListingView[]
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
  error?: 'AgentNotFound'
}

export type HandlerOutput = HandlerError | HandlerSuccess
