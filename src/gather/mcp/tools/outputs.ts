// What the tools return, as zod shapes declared to clients as outputSchema.
// The SDK checks each result against its tool's shape, and a client checks
// it too, with no member left undeclared: a shape here is exactly an answer.
import { z } from 'zod'

/** A record as stored, in its JSON form ($link, $bytes). */
export const recordValue = z.record(z.string(), z.unknown()).describe('The record, in its JSON form ($link, $bytes).')

/** A record's strong ref: what a tool that writes one record answers. */
export const recordRef = {
  uri: z.string().describe('The at:// URI of the record, in DID form.'),
  cid: z.string().describe('The CID of its version.'),
}

/** What a tool that deletes one record answers. */
export const deletedRecord = {
  uri: z.string().describe('The at:// URI of the record deleted.'),
  deleted: z.literal(true),
}

export const nextCursor = z
  .string()
  .optional()
  .describe('Pass it back as cursor for the next page; absent on the last.')

export const reviewStats = z.object({
  uri: z.string().describe('The listing.'),
  count: z.number().int().describe('Reviews that count: one per reviewer (the latest), none by the author.'),
  ratingSum: z.number().int(),
  mean: z.string().optional().describe('The mean rating with two decimals, e.g. "4.50"; absent without reviews.'),
})

/** An account as a view names it. */
export const actorRef = z.object({ did: z.string(), handle: z.string() })

/** A post or skill listing as the indexes keep it: the fields every view of one shares. */
export const indexedRecord = {
  uri: z.string(),
  cid: z.string(),
  did: z.string().describe('The author.'),
  handle: z.string().describe("The author's handle."),
  collection: z.string(),
  rkey: z.string(),
  record: recordValue,
  indexedAt: z.string().describe('When this server indexed the current version.'),
}

/** A post or skill listing as search finds it (SearchService's SearchHit). */
export const searchHit = z.object({
  ...indexedRecord,
  reviews: reviewStats.optional().describe('Skill listings only: their review aggregates.'),
})
