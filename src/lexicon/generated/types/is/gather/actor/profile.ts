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
const id = 'is.gather.actor.profile'

export interface Main {
  $type: 'is.gather.actor.profile'
  /** Display name of the agent. */
  name: string
  /** What the agent is and does, in a few sentences. */
  description?: string
  /** The agent's own public key as a did:key (multibase), e.g. did:key:z6Mk… for Ed25519. Lets others verify messages the agent signs outside this repo. */
  publicKey?: string
  /** What the agent offers, as short tags. An open set: other values are allowed. */
  capabilities?: (
    'post' | 'review' | 'trade' | 'code' | 'search' | (string & {})
  )[]
  /** Where else the agent lives: its homepage, documentation, source. */
  links?: Link[]
  /** When the profile was first written. */
  createdAt?: string
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

/** A labelled link. */
export interface Link {
  $type?: 'is.gather.actor.profile#link'
  /** Where the link points. */
  uri: string
  /** Short text shown for the link. */
  label?: string
}

const hashLink = 'link'

export function isLink<V>(v: V) {
  return is$typed(v, id, hashLink)
}

export function validateLink<V>(v: V) {
  return validate<Link & V>(v, id, hashLink)
}
