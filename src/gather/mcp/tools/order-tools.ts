// Orders from both sides. A buyer places an is.gather.shop.order in its repo:
// each item names its product by record (resolved to a strong ref here) or by
// the seller's own id, exactly one of the two; a priced listing's price is its
// unitPrice, and the amount is their sum. A seller answers with an
// is.gather.shop.orderUpdate in its own repo, naming the order's current
// version. The status is derived from those answers (OrderService), never
// written by the buyer.
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { type Decimal, formatDecimal, parseDecimal, sameDecimal, sumOfLines } from '../../shop/decimal.js'
import { LISTING, listingPrice } from '../../shop/order-checks.js'
import { ORDER, ORDER_UPDATE } from '../../shop/order-indexer.js'
import { follows, nextStatuses, ORDER_STATUSES } from '../../shop/order-status.js'
import { findRecord, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { currency, decimal, lexText, limit, now, pageCursor, recordUri } from './inputs.js'

const item = z.strictObject({
  productUri: recordUri('The at:// URI of the product record on this server (e.g. a skill listing).').optional(),
  productId: z.string().min(1).max(256).optional().describe("The seller's own product id."),
  quantity: z.number().int().min(1).max(1_000_000).describe('How many.'),
  unitPrice: decimal(
    "Price of one, in the order currency. For a priced skill listing it must be the listing's price, which is used when left out.",
  ).optional(),
})

type Item = z.infer<typeof item>
type Line = Record<string, unknown> & { quantity: number; unitPrice?: string }

const actorRef = z.object({ did: z.string(), handle: z.string() })
const orderUpdateView = z.object({
  uri: z.string(),
  cid: z.string(),
  status: z.string(),
  note: z.string().optional(),
  deliveryRef: z.string().optional(),
  indexedAt: z.string(),
})
const orderView = z.object({
  uri: z.string(),
  cid: z.string(),
  buyer: actorRef,
  seller: actorRef.optional().describe('The seller, when it is an active account here.'),
  record: z.record(z.string(), z.unknown()).describe(`The buyer's ${ORDER} record.`),
  status: z.enum(ORDER_STATUSES).describe("Derived from the seller's updates only."),
  amountValid: z.boolean().describe("Whether the amount is the items' sum and each unitPrice its listing's price."),
  problems: z.array(z.string()).optional().describe('Why amountValid is false.'),
  updates: z.array(orderUpdateView).describe("The seller's updates that took effect, oldest first."),
  indexedAt: z.string(),
})
const orderUri = recordUri(`The at://<did>/${ORDER}/<rkey> URI of the order.`)

export function registerOrderTools(server: McpServer, session: ToolSession): void {
  const { ctx, caller } = session

  defineTool(
    server,
    session,
    'place_order',
    {
      description: `Place an order (${ORDER}) in your repo; the seller answers it with update_order. Each item sets exactly one of productUri (a record on this server) or productId (the seller's own id). Amounts are decimal strings; amount, when left out, is the sum of quantity × unitPrice. Returns uri, cid and amount.`,
      input: {
        items: z.array(item).min(1).max(50).describe('What is ordered: 1 to 50 lines.'),
        amount: decimal(
          'The order total as a decimal string, e.g. "0.0003"; must be the items\' sum when every item has a unitPrice. Required when one has none.',
        ).optional(),
        currency,
        seller: z.string().min(1).max(2048).optional().describe('The DID of the seller, if the items do not imply it.'),
        note: lexText(3000, 300, 'A note to the seller').optional(),
        paymentRef: z
          .string()
          .min(1)
          .max(512)
          .optional()
          .describe('Proof or reference of payment, e.g. a transaction id.'),
      },
      output: { uri: z.string(), cid: z.string(), amount: z.string() },
    },
    async ({ items, amount, currency, seller, note, paymentRef }) => {
      items.forEach(assertOneProduct)
      const lines: Line[] = []
      for (const [i, line] of items.entries()) lines.push(await orderLine(session, line, i, currency))
      const total = orderAmount(lines, amount)
      const record = { items: lines, amount: total, currency, seller, note, paymentRef, createdAt: now() }
      return { ...(await writeOwnRecord(session, { action: 'create', collection: ORDER, record })), amount: total }
    },
  )

  defineTool(
    server,
    session,
    'list_orders',
    {
      rpc: 'is.gather.shop.listOrders',
      description:
        'Your orders, newest first, each with its status (derived from the seller\'s updates: pending, accepted, rejected, fulfilled, cancelled): role "seller" (the default) lists the orders placed with you, from agents anywhere on this server; role "buyer" those you placed. Pass the returned cursor for the next page; with a status filter a page may be short while a cursor remains.',
      input: {
        role: z.enum(['seller', 'buyer']).optional().describe('"seller" (default) or "buyer".'),
        status: z.enum(ORDER_STATUSES).optional().describe('Only orders with this status.'),
        limit: limit(100, 25),
        cursor: pageCursor,
      },
      output: { orders: z.array(orderView), cursor: z.string().optional() },
      readOnly: true,
    },
    async ({ role, status, limit, cursor }) => {
      const query = { role: role ?? 'seller', status, limit: limit ?? 25, cursor }
      const page = await ctx.orders.listOrders({ did: caller.did, account: caller.account }, query)
      return { orders: page.orders, cursor: page.cursor }
    },
  )

  defineTool(
    server,
    session,
    'get_order',
    {
      description: "One order by its URI, with its status, the seller's updates that made it, and its amount check.",
      input: { uri: orderUri },
      output: orderView.shape,
      readOnly: true,
    },
    async ({ uri }) => ({ ...(await ctx.orders.getOrder(uri)) }),
  )

  defineTool(
    server,
    session,
    'update_order',
    {
      description: `Answer an order placed with you (you must be its seller), as ${ORDER_UPDATE} in your repo naming the order's current version: from pending you may accept, reject or cancel it; from accepted, fulfil (status "fulfilled", with a deliveryRef to what was delivered) or cancel it. Returns the update's uri and cid, and the order's status after it.`,
      input: {
        orderUri,
        status: z.enum(['accepted', 'rejected', 'fulfilled', 'cancelled']).describe("The order's new status."),
        note: lexText(3000, 300, 'A note to the buyer: why, what was delivered, where').optional(),
        deliveryRef: z
          .string()
          .min(1)
          .max(2048)
          .optional()
          .describe('Where what was ordered can be fetched, or a reference to it.'),
      },
      output: { uri: z.string(), cid: z.string(), status: z.enum(ORDER_STATUSES) },
    },
    async ({ orderUri, status, note, deliveryRef }) => {
      const order = await ctx.orders.findOrder(orderUri)
      if (order.sellerDid !== caller.did) throw new ForbiddenError('Only the seller an order names can update it')
      if (!follows(order.status, status)) {
        const next = nextStatuses(order.status)
        const may = next.length === 0 ? 'it is final' : `it can become ${next.join(' or ')}`
        throw new InvalidRequestError(`The order is ${order.status}: ${may}, not ${status}`, 'InvalidTransition')
      }
      const record = { order: { uri: order.view.uri, cid: order.cid }, status, note, deliveryRef, createdAt: now() }
      const written = await writeOwnRecord(session, { action: 'create', collection: ORDER_UPDATE, record })
      return { ...written, status: (await ctx.orders.findOrder(orderUri)).status }
    },
  )
}

/** The lexicon cannot say "exactly one of product and productId", so it is checked here. */
function assertOneProduct(line: Item, index: number): void {
  if ((line.productUri === undefined) === (line.productId === undefined)) {
    throw new InvalidRequestError(`items[${index}]: set exactly one of productUri or productId`)
  }
}

/** An order line; a priced listing's price is its unitPrice (and its currency the order's), or the line is refused. */
async function orderLine(session: ToolSession, line: Item, i: number, currency: string): Promise<Line> {
  const { productUri, productId, quantity, unitPrice } = line
  if (productUri === undefined) return { productId, quantity, unitPrice }
  const product = await findRecord(session, productUri)
  const price = product.collection === LISTING ? listingPrice(product.value) : undefined
  const ref = { uri: product.uri, cid: product.cid }
  if (!price) return { product: ref, quantity, unitPrice }
  if (price.currency !== currency) {
    throw new InvalidRequestError(`items[${i}]: the listing is priced in ${price.currency}, not ${currency}`)
  }
  const given = unitPrice === undefined ? undefined : parseDecimal(unitPrice)
  if (given && !sameDecimal(given, price.amount)) {
    throw new InvalidRequestError(`items[${i}]: unitPrice ${unitPrice} is not the listing's price, ${price.amountText}`)
  }
  return { product: ref, quantity, unitPrice: unitPrice ?? price.amountText }
}

/** The order's amount: the lines' sum when every line has a price (a given amount must equal it), else the one given. */
function orderAmount(lines: Line[], amount: string | undefined): string {
  const priced: { quantity: number; unitPrice: Decimal }[] = []
  for (const l of lines) {
    const unitPrice = parseDecimal(l.unitPrice)
    if (unitPrice) priced.push({ quantity: l.quantity, unitPrice })
  }
  if (priced.length < lines.length) {
    if (amount === undefined) throw new InvalidRequestError('amount is required when an item has no unitPrice')
    return amount
  }
  const sum = sumOfLines(priced)
  const given = amount === undefined ? undefined : parseDecimal(amount)
  if (given && !sameDecimal(given, sum)) {
    throw new InvalidRequestError(`amount ${amount} is not the sum of quantity × unitPrice, ${formatDecimal(sum)}`)
  }
  return amount ?? formatDecimal(sum)
}
