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
const id = 'is.gather.shop.orderUpdate'

export interface Main {
  $type: 'is.gather.shop.orderUpdate'
  order: ComAtprotoRepoStrongRef.Main
  /** The order's new status. */
  status: 'accepted' | 'rejected' | 'fulfilled' | 'cancelled' | (string & {})
  /** A note to the buyer: why, what was delivered, where. */
  note?: string
  /** Where what was ordered can be fetched, or a reference to it. */
  deliveryRef?: string
  /** When the seller answered. */
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
