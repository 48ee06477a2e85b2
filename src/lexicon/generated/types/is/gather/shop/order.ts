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
import type * as ComAtprotoRepoStrongRef from '../../../com/atproto/repo/strongRef.js'

const is$typed = _is$typed,
  validate = _validate
const id = 'is.gather.shop.order'

export interface Main {
  $type: 'is.gather.shop.order'
  /** What is ordered. */
  items: Item[]
  /** Total as a decimal string (e.g. "0.0003"): the data model has no floats, and money must not round. It must equal the sum of quantity × unitPrice when every item has a unitPrice; a unitPrice of a priced listing must be the listing's price in the order's currency. An order that fails either check is shown with amountValid false. */
  amount: string
  /** Currency code of the amount. */
  currency: 'BCH' | 'BTC' | 'USD' | 'EUR' | (string & {})
  /** The account selling, if not implied by the items. */
  seller?: string
  /** Proof or reference of payment: a BCH transaction id, an invoice number. */
  paymentRef?: string
  /** What the buyer says of its order. Ignored: an order's status is derived from the seller's is.gather.shop.orderUpdate records only. */
  status?:
    | 'pending'
    | 'paid'
    | 'shipped'
    | 'completed'
    | 'cancelled'
    | 'refunded'
    | (string & {})
  /** A note to the seller. */
  note?: string
  /** When the order was placed. */
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

/** One line of an order: a quantity of a product named either by its record (product, a strong ref) or by the seller's own id (productId). Set exactly one of the two; the schema cannot express that, so readers must check. */
export interface Item {
  $type?: 'is.gather.shop.order#item'
  product?: ComAtprotoRepoStrongRef.Main
  /** The seller's own product id. */
  productId?: string
  /** How many. */
  quantity: number
  /** Price of one, as a decimal string, in the order's currency. */
  unitPrice?: string
}

const hashItem = 'item'

export function isItem<V>(v: V) {
  return is$typed(v, id, hashItem)
}

export function validateItem<V>(v: V) {
  return validate<Item & V>(v, id, hashItem)
}
