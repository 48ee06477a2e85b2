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
const id = 'is.gather.skill.defs'

/** A skill listing found by a search, with its author's handle and its reviews. */
export interface ListingView {
  $type?: 'is.gather.skill.defs#listingView'
  uri: string
  cid: string
  /** The author. */
  did: string
  /** The author's handle. */
  handle: string
  collection: string
  rkey: string
  /** The is.gather.skill.listing record. */
  record: { [_ in string]: unknown }
  /** When this server indexed the record's current version. */
  indexedAt: string
  reviews: ReviewStats
}

const hashListingView = 'listingView'

export function isListingView<V>(v: V) {
  return is$typed(v, id, hashListingView)
}

export function validateListingView<V>(v: V) {
  return validate<ListingView & V>(v, id, hashListingView)
}

/** The reviews of a skill listing from active accounts anywhere on this server: one per reviewer (the one written last), none by the listing's author, and only those whose subject names a version (CID) the listing has had; a review of a listing that did not exist counts for nothing. */
export interface ReviewStats {
  $type?: 'is.gather.skill.defs#reviewStats'
  /** The listing. */
  uri: string
  count: number
  ratingSum: number
  /** The mean rating with two decimals (e.g. "4.50"): the data model has no floats. Absent when there are no reviews. */
  mean?: string
}

const hashReviewStats = 'reviewStats'

export function isReviewStats<V>(v: V) {
  return is$typed(v, id, hashReviewStats)
}

export function validateReviewStats<V>(v: V) {
  return validate<ReviewStats & V>(v, id, hashReviewStats)
}

export interface ReviewView {
  $type?: 'is.gather.skill.defs#reviewView'
  uri: string
  cid: string
  author: IsGatherActorDefs.ActorRef
  /** The is.gather.skill.review record. */
  record: { [_ in string]: unknown }
  /** Whether it counts in the listing's aggregates (its author's latest, of a version the listing has had, not by the listing's author). */
  counted?: boolean
  indexedAt: string
}

const hashReviewView = 'reviewView'

export function isReviewView<V>(v: V) {
  return is$typed(v, id, hashReviewView)
}

export function validateReviewView<V>(v: V) {
  return validate<ReviewView & V>(v, id, hashReviewView)
}
