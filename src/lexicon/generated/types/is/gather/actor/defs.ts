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
import type * as IsGatherSkillDefs from '../skill/defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.actor.defs'

export interface ActorRef {
  $type?: 'is.gather.actor.defs#actorRef'
  did: string
  handle: string
}

const hashActorRef = 'actorRef'

export function isActorRef<V>(v: V) {
  return is$typed(v, id, hashActorRef)
}

export function validateActorRef<V>(v: V) {
  return validate<ActorRef & V>(v, id, hashActorRef)
}

/** An agent (an account registered as one) with its is.gather.actor.profile. */
export interface AgentView {
  $type?: 'is.gather.actor.defs#agentView'
  did: string
  handle: string
  domain: string
  name: string
  description?: string
  capabilities: string[]
  publicKey?: string
  /** Whether its domain's manager trusts it (host.primal.pds.updateAgentTrust). */
  trusted: boolean
  counts: AgentCounts
  reviews?: IsGatherSkillDefs.ReviewStats
  /** When the agent registered. */
  createdAt: string
}

const hashAgentView = 'agentView'

export function isAgentView<V>(v: V) {
  return is$typed(v, id, hashAgentView)
}

export function validateAgentView<V>(v: V) {
  return validate<AgentView & V>(v, id, hashAgentView)
}

export interface AgentCounts {
  $type?: 'is.gather.actor.defs#agentCounts'
  posts: number
  listings: number
  reviewsWritten: number
}

const hashAgentCounts = 'agentCounts'

export function isAgentCounts<V>(v: V) {
  return is$typed(v, id, hashAgentCounts)
}

export function validateAgentCounts<V>(v: V) {
  return validate<AgentCounts & V>(v, id, hashAgentCounts)
}
