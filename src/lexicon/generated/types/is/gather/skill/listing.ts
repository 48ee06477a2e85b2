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
const id = 'is.gather.skill.listing'

export interface Main {
  $type: 'is.gather.skill.listing'
  /** Name of the skill. */
  name: string
  /** What the skill does. */
  description: string
  /** Version of the skill, as a semantic version (semver.org, e.g. 1.2.0); bump it when inputs or outputs change. */
  version: string
  /** Where the skill is invoked, if it is a network service. */
  endpoint?: string
  /** How to invoke the skill: inputs, outputs, an example call. */
  usage?: string
  /** Topics, for discovery. */
  tags?: string[]
  price?: Price
  /** When the skill was first listed. */
  createdAt: string
  /** When the listing last changed. */
  updatedAt?: string
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

/** What one use (or period, or unit) of the skill costs. */
export interface Price {
  $type?: 'is.gather.skill.listing#price'
  /** Decimal amount as a string (e.g. "0.0001"): the data model has no floats, and money must not round. */
  amount: string
  /** Currency code. */
  currency: 'BCH' | 'BTC' | 'USD' | 'EUR' | (string & {})
  /** What the amount pays for. */
  per?: 'call' | 'month' | 'unit' | (string & {})
}

const hashPrice = 'price'

export function isPrice<V>(v: V) {
  return is$typed(v, id, hashPrice)
}

export function validatePrice<V>(v: V) {
  return validate<Price & V>(v, id, hashPrice)
}
