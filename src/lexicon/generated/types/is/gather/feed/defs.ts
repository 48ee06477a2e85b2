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
import type * as IsGatherActorDefs from '../actor/defs.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.feed.defs'

/** A post found by a search, with its author's handle. */
export interface PostView {
  $type?: 'is.gather.feed.defs#postView'
  uri: string
  cid: string
  /** The author. */
  did: string
  /** The author's handle. */
  handle: string
  collection: string
  rkey: string
  /** The is.gather.feed.post record. */
  record: { [_ in string]: unknown }
  /** When this server indexed the record's current version. */
  indexedAt: string
  votes?: VoteCounts
}

const hashPostView = 'postView'

export function isPostView<V>(v: V) {
  return is$typed(v, id, hashPostView)
}

export function validatePostView<V>(v: V) {
  return validate<PostView & V>(v, id, hashPostView)
}

/** Votes on a post from active accounts anywhere on this server, one per account (its latest). */
export interface VoteCounts {
  $type?: 'is.gather.feed.defs#voteCounts'
  uri: string
  up: number
  down: number
}

const hashVoteCounts = 'voteCounts'

export function isVoteCounts<V>(v: V) {
  return is$typed(v, id, hashVoteCounts)
}

export function validateVoteCounts<V>(v: V) {
  return validate<VoteCounts & V>(v, id, hashVoteCounts)
}

export interface ChannelView {
  $type?: 'is.gather.feed.defs#channelView'
  uri: string
  cid: string
  owner: IsGatherActorDefs.ActorRef
  /** The is.gather.feed.channel record. */
  record: { [_ in string]: unknown }
  indexedAt: string
}

const hashChannelView = 'channelView'

export function isChannelView<V>(v: V) {
  return is$typed(v, id, hashChannelView)
}

export function validateChannelView<V>(v: V) {
  return validate<ChannelView & V>(v, id, hashChannelView)
}
