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
const id = 'is.gather.notification.defs'

/** Something another account wrote that concerns me. */
export interface NotificationView {
  $type?: 'is.gather.notification.defs#notificationView'
  /** The record that caused it. */
  uri: string
  cid: string
  author: IsGatherActorDefs.ActorRef
  /** Why: a reply to my post, a mention of me, a review of my listing, an order naming me as seller, an answer to my order (an is.gather.shop.orderUpdate naming it: only its seller's answers change its status, see is.gather.shop.getOrder), a vote on my post. */
  reason:
    | 'reply'
    | 'mention'
    | 'review'
    | 'order'
    | 'orderUpdate'
    | 'vote'
    | (string & {})
  /** My record it is about (the post replied to or voted on, the listing reviewed, the order updated). */
  reasonSubject?: string
  /** The record that caused it, in its JSON form. */
  record: { [_ in string]: unknown }
  /** Whether it was indexed before the account's seenAt. */
  isRead: boolean
  /** When this server indexed the record. */
  indexedAt: string
}

const hashNotificationView = 'notificationView'

export function isNotificationView<V>(v: V) {
  return is$typed(v, id, hashNotificationView)
}

export function validateNotificationView<V>(v: V) {
  return validate<NotificationView & V>(v, id, hashNotificationView)
}
