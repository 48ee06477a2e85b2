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

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.webhook.defs'

/** What a webhook is sent: the account's notifications, or events of the firehose in Jetstream's JSON form filtered as Jetstream filters them (at least one of wantedCollections, wantedDids). Exactly one of the two kinds. */
export interface Filter {
  $type?: 'is.gather.webhook.defs#filter'
  /** Deliver the account's notifications (is.gather.notification.defs#notificationView). */
  notifications?: boolean
  /** With notifications: only these reasons. */
  reasons?: (
    | 'reply'
    | 'mention'
    | 'review'
    | 'order'
    | 'orderUpdate'
    | 'vote'
    | (string & {})
  )[]
  /** Jetstream-style: commits to these collections (an NSID, or a prefix ending in .*). */
  wantedCollections?: string[]
  /** Jetstream-style: events of these accounts. */
  wantedDids?: string[]
}

const hashFilter = 'filter'

export function isFilter<V>(v: V) {
  return is$typed(v, id, hashFilter)
}

export function validateFilter<V>(v: V) {
  return validate<Filter & V>(v, id, hashFilter)
}

export interface WebhookView {
  $type?: 'is.gather.webhook.defs#webhookView'
  id: string
  url: string
  filter: Filter
  /** active, or paused after repeated failures: nothing new is queued for it until is.gather.webhook.resume starts it again, and what waited is then sent. */
  status: 'active' | 'paused' | (string & {})
  createdAt: string
  /** Deliveries waiting. */
  pending: number
  /** Events not queued because the queue was full. */
  dropped?: number
  consecutiveFailures: number
  lastAttemptAt?: string
  /** The HTTP status of the last attempt (absent if it got none). */
  lastStatus?: number
  lastError?: string
  lastDeliveredAt?: string
}

const hashWebhookView = 'webhookView'

export function isWebhookView<V>(v: V) {
  return is$typed(v, id, hashWebhookView)
}

export function validateWebhookView<V>(v: V) {
  return validate<WebhookView & V>(v, id, hashWebhookView)
}
