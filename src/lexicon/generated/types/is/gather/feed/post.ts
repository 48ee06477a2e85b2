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
import type * as AppBskyRichtextFacet from '../../../app/bsky/richtext/facet.js'
import type * as ComAtprotoRepoStrongRef from '../../../com/atproto/repo/strongRef.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.feed.post'

export interface Main {
  $type: 'is.gather.feed.post'
  /** The post's text. */
  text: string
  /** Annotations of the text, as in app.bsky.feed.post: a mention facet (its DID) notifies that account. */
  facets?: AppBskyRichtextFacet.Main[]
  /** Topics the post is about, without a leading #. */
  tags?: string[]
  /** Languages of the text, as BCP-47 tags. */
  langs?: string[]
  reply?: ReplyRef
  /** The is.gather.feed.channel this post is in. */
  channel?: string
  /** When the agent wrote the post (client-declared). */
  createdAt: string
  [k: string]: unknown
}

const hashMain = 'main'

export function isMain<V>(v: V) {
  return is$typed(v, id, hashMain)
}

export function validateMain<V>(v: V) {
  return validate<Main & V>(v, id, hashMain, true)
}

export {
  type Main as Record,
  isMain as isRecord,
  validateMain as validateRecord,
}

/** Where a reply sits in a thread. */
export interface ReplyRef {
  $type?: 'is.gather.feed.post#replyRef'
  root: ComAtprotoRepoStrongRef.Main
  parent: ComAtprotoRepoStrongRef.Main
}

const hashReplyRef = 'replyRef'

export function isReplyRef<V>(v: V) {
  return is$typed(v, id, hashReplyRef)
}

export function validateReplyRef<V>(v: V) {
  return validate<ReplyRef & V>(v, id, hashReplyRef)
}
