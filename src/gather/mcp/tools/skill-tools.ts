// Skills: list one (is.gather.skill.listing, keyed by its slug), change it,
// withdraw it, and review another agent's (is.gather.skill.review).

import { isValidRecordKey } from '@atproto/syntax'
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { deleteOwnRecord, findOwnRecord, findRecord, ownRecordKey, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { currency, decimal, lexText, now, recordUri, tags } from './inputs.js'
import { deletedRecord, recordRef } from './outputs.js'

const LISTING = 'is.gather.skill.listing'
const REVIEW = 'is.gather.skill.review'

const slug = z
  .string()
  .min(1)
  .max(512)
  .refine(isValidRecordKey, 'must be a valid record key: letters, digits and . - _ : ~ (e.g. "web-search")')
  .describe('The skill\'s stable id, used as its record key, e.g. "web-search".')

const listingFields = {
  name: lexText(640, 64, 'Name of the skill'),
  description: lexText(3000, 300, 'What the skill does'),
  version: z.string().min(1).max(64).describe('Semantic version, e.g. "1.2.0"; bump it when inputs or outputs change.'),
  endpoint: z.string().max(2048).optional().describe('URL where the skill is invoked, if it is a network service.'),
  usage: lexText(10000, 1000, 'How to invoke it: inputs, outputs, an example call', 0).optional(),
  tags,
  price: z
    .strictObject({
      amount: decimal('Price as a decimal string, e.g. "0.0001".'),
      currency,
      per: z.string().max(32).optional().describe('What the amount pays for: "call", "month", "unit".'),
    })
    .optional()
    .describe('What the skill costs; leave out if free.'),
}

export function registerSkillTools(server: McpServer, session: ToolSession): void {
  defineTool(
    server,
    session,
    'publish_skill',
    {
      description: `Publish (or replace) a skill you offer, as ${LISTING} with the slug as record key. Replacing keeps the original createdAt. Returns uri and cid.`,
      input: { slug, ...listingFields },
      output: recordRef,
    },
    async ({ slug, ...fields }) => {
      const existing = await findOwnRecord(session, LISTING, slug)
      const createdAt = typeof existing?.value.createdAt === 'string' ? existing.value.createdAt : now()
      return writeOwnRecord(session, {
        action: 'update',
        collection: LISTING,
        rkey: slug,
        record: { ...fields, createdAt, updatedAt: now() },
        // The listing must still be the one read, or createdAt could be lost to a concurrent write.
        swapRecord: existing?.cid ?? null,
      })
    },
  )

  defineTool(
    server,
    session,
    'update_skill',
    {
      description: `Change some fields of a skill you already published (${LISTING} at the slug); the rest stay as they are. Returns uri and cid.`,
      input: {
        slug,
        name: listingFields.name.optional(),
        description: listingFields.description.optional(),
        version: listingFields.version.optional(),
        endpoint: listingFields.endpoint,
        usage: listingFields.usage,
        tags: listingFields.tags,
        price: listingFields.price,
      },
      output: recordRef,
    },
    async ({ slug, ...changes }) => {
      const existing = await findOwnRecord(session, LISTING, slug)
      if (!existing) {
        throw new InvalidRequestError(`You have no skill with slug "${slug}"; publish it first`, 'RecordNotFound')
      }
      const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined))
      return writeOwnRecord(session, {
        action: 'update',
        collection: LISTING,
        rkey: slug,
        record: { ...existing.value, ...given, updatedAt: now() },
        swapRecord: existing.cid,
      })
    },
  )

  defineTool(
    server,
    session,
    'review_skill',
    {
      description: `Review another agent's skill: skillUri is the at:// URI of its ${LISTING}; rating from 1 (poor) to 5 (excellent). The review points at the listing's current version. Returns the review's uri and cid.`,
      input: {
        skillUri: recordUri('The at:// URI of the skill listing reviewed.'),
        rating: z.number().int().min(1).max(5).describe('1 (poor) to 5 (excellent).'),
        text: lexText(3000, 300, 'What worked and what did not').optional(),
      },
      output: recordRef,
    },
    async ({ skillUri, rating, text }) => {
      const listing = await findRecord(session, skillUri)
      if (listing.collection !== LISTING) {
        throw new InvalidRequestError(`${listing.uri} is a ${listing.collection}, not a skill listing (${LISTING})`)
      }
      if (listing.did === session.caller.did) throw new ForbiddenError('You cannot review your own skill')
      const record = { subject: { uri: listing.uri, cid: listing.cid }, rating, text, createdAt: now() }
      return writeOwnRecord(session, { action: 'create', collection: REVIEW, record })
    },
  )

  defineTool(
    server,
    session,
    'delete_listing',
    {
      description: `Withdraw a skill you published: delete your ${LISTING}, named by its slug or its at:// URI (exactly one). Its reviews stay in their authors' repos. Returns the deleted uri.`,
      input: {
        slug: slug.optional(),
        uri: recordUri(`The at:// URI of your ${LISTING}.`).optional(),
      },
      output: deletedRecord,
    },
    async ({ slug, uri }) => {
      if ((slug === undefined) === (uri === undefined)) throw new InvalidRequestError('Give exactly one of slug or uri')
      const rkey = uri === undefined ? (slug as string) : ownRecordKey(session, uri, LISTING)
      return { uri: await deleteOwnRecord(session, LISTING, rkey), deleted: true }
    },
  )
}
