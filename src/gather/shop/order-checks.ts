// What can be wrong with an order's money, said in words the buyer and the
// seller can act on. The sum check needs only the order and runs when it is
// indexed; the price check needs the listings its items name, which may
// change after, so it runs each time the order is read. A record written with
// validate=false need not match its lexicon: every field is checked here.
import { isValidDid } from '@atproto/syntax'
import { type Decimal, formatDecimal, parseDecimal, sameDecimal, sumOfLines } from './decimal.js'

export const LISTING = 'is.gather.skill.listing'

/** Problems kept per order: enough to act on, bounded whatever the record holds. */
const MAX_PROBLEMS = 20
const MAX_QUANTITY = 1_000_000
/** The lexicon's most items: the price check looks no further, so a page of orders names a bounded number of listings. */
export const MAX_ITEMS = 50
/** Characters of a record's own value quoted in a problem. */
const QUOTED_CHARS = 32

/** A listing an order's item names, by its repo and record key. */
export type ListingKey = { did: string; rkey: string }

/** A listing's price, when it has one that is a decimal. */
export type ListingPrice = { amount: Decimal; amountText: string; currency: string }

/** Problems of the order's sum: items naming their product once each, quantities, and amount = Σ quantity × unitPrice. */
export function sumProblems(order: Record<string, unknown>): string[] {
  const problems: string[] = []
  const items = Array.isArray(order.items) ? order.items : []
  if (items.length === 0) problems.push('the order has no items')
  if (items.length > MAX_ITEMS) problems.push(`the order has ${items.length} items; at most ${MAX_ITEMS} are allowed`)
  const amount = parseDecimal(order.amount)
  if (!amount) problems.push('amount is not a decimal string such as "0.0003"')
  const lines: { quantity: number; unitPrice: Decimal }[] = []
  items.forEach((raw, i) => {
    const item = isObject(raw) ? raw : {}
    if ((item.product === undefined) === (item.productId === undefined)) {
      problems.push(`items[${i}]: set exactly one of product and productId`)
    }
    const quantity = item.quantity
    const counted = Number.isInteger(quantity) && (quantity as number) >= 1 && (quantity as number) <= MAX_QUANTITY
    if (!counted) problems.push(`items[${i}]: quantity must be an integer from 1 to ${MAX_QUANTITY}`)
    if (item.unitPrice === undefined) return
    const unitPrice = parseDecimal(item.unitPrice)
    if (!unitPrice) problems.push(`items[${i}]: unitPrice is not a decimal string such as "0.0001"`)
    else if (counted) lines.push({ quantity: quantity as number, unitPrice })
  })
  // The sum is known only when every line has a price; a line with a bad one is a problem already.
  const everyLinePriced = items.length > 0 && items.every((i) => isObject(i) && i.unitPrice !== undefined)
  if (amount && everyLinePriced && lines.length === items.length) {
    const sum = sumOfLines(lines)
    if (!sameDecimal(amount, sum)) {
      problems.push(`amount ${order.amount} is not the sum of quantity × unitPrice, ${formatDecimal(sum)}`)
    }
  }
  return bounded(problems)
}

/** The listings the order's items name by record (at://<did>/is.gather.skill.listing/<rkey>). */
export function listingsNamed(order: Record<string, unknown>): ListingKey[] {
  const items = Array.isArray(order.items) ? order.items.slice(0, MAX_ITEMS) : []
  return items.flatMap((item) => {
    const key = isObject(item) ? listingKeyOf(item.product) : undefined
    return key ? [key] : []
  })
}

/**
 * Problems of the order's prices: each item naming a priced listing must have
 * that listing's price as its unitPrice, and the order its currency. `prices`
 * holds the priced listings found, by "did/rkey".
 */
export function priceProblems(order: Record<string, unknown>, prices: Map<string, ListingPrice>): string[] {
  const problems: string[] = []
  const items = Array.isArray(order.items) ? order.items.slice(0, MAX_ITEMS) : []
  items.forEach((raw, i) => {
    const item = isObject(raw) ? raw : {}
    const key = listingKeyOf(item.product)
    const price = key && prices.get(listingId(key))
    if (!price) return
    if (order.currency !== price.currency) {
      problems.push(
        `items[${i}]: the listing is priced in ${quote(price.currency)}, the order in ${quote(order.currency)}`,
      )
    }
    const unitPrice = parseDecimal(item.unitPrice)
    if (item.unitPrice === undefined) {
      problems.push(`items[${i}]: no unitPrice, but the listing costs ${price.amountText} ${quote(price.currency)}`)
    } else if (unitPrice && !sameDecimal(unitPrice, price.amount)) {
      problems.push(`items[${i}]: unitPrice ${item.unitPrice} is not the listing's price, ${price.amountText}`)
    }
  })
  return bounded(problems)
}

/** A listing record's price, when it has one whose amount is a decimal and whose currency is a string. */
export function listingPrice(record: unknown): ListingPrice | undefined {
  const price = isObject(record) && isObject(record.price) ? record.price : undefined
  const amount = price && parseDecimal(price.amount)
  if (!price || !amount || typeof price.currency !== 'string') return undefined
  return { amount, amountText: price.amount as string, currency: price.currency }
}

export function listingId(key: ListingKey): string {
  return `${key.did}/${key.rkey}`
}

function listingKeyOf(ref: unknown): ListingKey | undefined {
  if (!isObject(ref) || typeof ref.uri !== 'string' || ref.uri.length > 8192) return undefined
  const m = /^at:\/\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)$/.exec(ref.uri)
  if (!m || m[2] !== LISTING || !isValidDid(m[1])) return undefined
  return { did: m[1], rkey: m[3] }
}

function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, QUOTED_CHARS)) : 'none'
}

function bounded(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return problems
  return [...problems.slice(0, MAX_PROBLEMS - 1), `and ${problems.length - MAX_PROBLEMS + 1} more problems`]
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
