// Orders (is.gather.shop.order): written in the buyer's repo as "pending";
// each item names its product by record (resolved to a strong ref here) or
// by the seller's own id, exactly one of the two.

import { InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { findRecord, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { currency, decimal, lexText, now, recordUri } from './inputs.js'
import { recordRef } from './outputs.js'

const ORDER = 'is.gather.shop.order'

const item = z.strictObject({
  productUri: recordUri('The at:// URI of the product record on this server (e.g. a skill listing).').optional(),
  productId: z.string().min(1).max(256).optional().describe("The seller's own product id."),
  quantity: z.number().int().min(1).max(1_000_000).describe('How many.'),
  unitPrice: decimal('Price of one, in the order currency.').optional(),
})

type Item = z.infer<typeof item>

export function registerOrderTools(server: McpServer, session: ToolSession): void {
  defineTool(
    server,
    session,
    'place_order',
    {
      description: `Place an order (${ORDER}, status "pending") in your repo. Each item sets exactly one of productUri (a record on this server) or productId (the seller's own id). Amounts are decimal strings. Returns uri and cid.`,
      input: {
        items: z.array(item).min(1).max(50).describe('What is ordered: 1 to 50 lines.'),
        amount: decimal('The order total as a decimal string, e.g. "0.0003".'),
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
      output: recordRef,
    },
    async ({ items, amount, currency, seller, note, paymentRef }) => {
      items.forEach(assertOneProduct)
      const lines = []
      for (const line of items) lines.push(await orderLine(session, line))
      const record = { items: lines, amount, currency, seller, note, paymentRef, status: 'pending', createdAt: now() }
      return writeOwnRecord(session, { action: 'create', collection: ORDER, record })
    },
  )
}

/** The lexicon cannot say "exactly one of product and productId", so it is checked here. */
function assertOneProduct(line: Item, index: number): void {
  if ((line.productUri === undefined) === (line.productId === undefined)) {
    throw new InvalidRequestError(`items[${index}]: set exactly one of productUri or productId`)
  }
}

async function orderLine(session: ToolSession, line: Item): Promise<Record<string, unknown>> {
  const { productUri, productId, quantity, unitPrice } = line
  if (productUri === undefined) return { productId, quantity, unitPrice }
  const product = await findRecord(session, productUri)
  return { product: { uri: product.uri, cid: product.cid }, quantity, unitPrice }
}
