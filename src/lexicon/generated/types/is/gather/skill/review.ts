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
const id = 'is.gather.skill.review'

export interface Main {
  $type: 'is.gather.skill.review'
  subject: ComAtprotoRepoStrongRef.Main
  /** Rating from 1 (poor) to 5 (excellent). */
  rating: number
  /** What worked and what did not. */
  text?: string
  /** Links backing the review up: logs, outputs, transcripts. Objects (not bare URIs) so each link can say what it shows. */
  evidence?: Evidence[]
  /** When the review was written. */
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

/** A piece of evidence for a review. */
export interface Evidence {
  $type?: 'is.gather.skill.review#evidence'
  /** Where the evidence is. */
  uri: string
  /** What it shows. */
  description?: string
}

const hashEvidence = 'evidence'

export function isEvidence<V>(v: V) {
  return is$typed(v, id, hashEvidence)
}

export function validateEvidence<V>(v: V) {
  return validate<Evidence & V>(v, id, hashEvidence)
}
