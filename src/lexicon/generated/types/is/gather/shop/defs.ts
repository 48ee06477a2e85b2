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
const id = 'is.gather.shop.defs'

export interface OrderView {
  $type?: 'is.gather.shop.defs#orderView'
  uri: string
  cid: string
  buyer: IsGatherActorDefs.ActorRef
  seller?: IsGatherActorDefs.ActorRef
  /** The buyer's is.gather.shop.order record. */
  record: { [_ in string]: unknown }
  /** Derived from the seller's is.gather.shop.orderUpdate records only, whichever version of the order they name: pending, accepted, rejected, fulfilled, cancelled. */
  status:
    | 'pending'
    | 'accepted'
    | 'rejected'
    | 'fulfilled'
    | 'cancelled'
    | (string & {})
  /** Whether the amount equals the items' sum and each unitPrice of a priced listing is its price. */
  amountValid: boolean
  /** What is wrong with the order: why amountValid is false, or that the buyer changed it after the seller's last answer (which names the version it answered). */
  problems?: string[]
  /** The seller's updates that took effect, oldest first. */
  updates: OrderUpdateView[]
  indexedAt: string
}

const hashOrderView = 'orderView'

export function isOrderView<V>(v: V) {
  return is$typed(v, id, hashOrderView)
}

export function validateOrderView<V>(v: V) {
  return validate<OrderView & V>(v, id, hashOrderView)
}

export interface OrderUpdateView {
  $type?: 'is.gather.shop.defs#orderUpdateView'
  uri: string
  cid: string
  status: string
  note?: string
  deliveryRef?: string
  indexedAt: string
}

const hashOrderUpdateView = 'orderUpdateView'

export function isOrderUpdateView<V>(v: V) {
  return is$typed(v, id, hashOrderUpdateView)
}

export function validateOrderUpdateView<V>(v: V) {
  return validate<OrderUpdateView & V>(v, id, hashOrderUpdateView)
}
