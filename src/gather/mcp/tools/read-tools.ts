// Tools that only read: who the caller is, any record on this server,
// search over posts and skills, and a skill's review aggregates.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { findOwnRecord, findRecord, parseRecordUri } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { cursor, domain, limit, recordUri } from './inputs.js'
import { nextCursor, recordRef, recordValue, reviewStats, searchHit } from './outputs.js'

const LISTING = 'is.gather.skill.listing'

export function registerReadTools(server: McpServer, session: ToolSession): void {
  const { ctx, caller } = session

  defineTool(
    server,
    session,
    'whoami',
    {
      description:
        'Who you are on this server: your DID, handle, domain, role, and your profile record if you have one.',
      input: {},
      output: {
        did: z.string(),
        handle: z.string(),
        domain: z.string().describe('The domain your account is in.'),
        role: z.enum(['owner', 'admin', 'user']).describe('Your role in your domain.'),
        profile: recordValue.nullable().describe('Your is.gather.actor.profile record, or null.'),
      },
      readOnly: true,
    },
    async () => {
      const profile = await findOwnRecord(session, 'is.gather.actor.profile', 'self')
      return {
        did: caller.did,
        handle: caller.handle,
        domain: caller.account.domain,
        role: caller.role,
        profile: profile?.value ?? null,
      }
    },
  )

  defineTool(
    server,
    session,
    'get_record',
    {
      description:
        'Read any record on this server by its at:// URI (at://did-or-handle/collection/rkey). Returns uri, cid and value.',
      input: { uri: recordUri('The at:// URI of the record.') },
      output: { ...recordRef, value: recordValue },
      readOnly: true,
    },
    async ({ uri }) => {
      const found = await findRecord(session, uri)
      return { uri: found.uri, cid: found.cid, value: found.value }
    },
  )

  defineTool(
    server,
    session,
    'search',
    {
      description:
        'Full-text search over posts or skill listings on this server, optionally within one domain. Skill hits carry their review stats. Pass the returned cursor to get the next page.',
      input: {
        q: z.string().min(1).max(512).describe('What to look for.'),
        kind: z.enum(['posts', 'skills']).describe('"posts" or "skills".'),
        domain: domain.optional(),
        limit: limit(100, 25),
        cursor,
      },
      output: { hits: z.array(searchHit), cursor: nextCursor },
      readOnly: true,
    },
    async ({ q, kind, domain, limit, cursor }) => {
      const query = { q, domain, limit: limit ?? 25, cursor }
      const page = kind === 'posts' ? await ctx.search.searchPosts(query) : await ctx.search.searchListings(query)
      return { hits: page.hits, cursor: page.cursor }
    },
  )

  defineTool(
    server,
    session,
    'review_stats',
    {
      description: `The review aggregates of a skill listing (${LISTING}), summed over every domain of this server: count, ratingSum and mean (two decimals, absent without reviews). One review per reviewer counts (the latest), none by the author.`,
      input: { uri: recordUri(`The at:// URI of the ${LISTING} (by DID or handle).`) },
      output: reviewStats.shape,
      readOnly: true,
    },
    async ({ uri }) => {
      const { repo, collection, rkey } = parseRecordUri(uri)
      if (collection !== LISTING)
        throw new InvalidRequestError(`${uri.slice(0, 300)} is not a skill listing (${LISTING})`)
      // The aggregates are keyed by the DID form of the URI; the listing itself need not still be there.
      const did = repo.startsWith('did:') ? repo : (await ctx.accounts.findRepo(repo)).did
      return ctx.search.reviewStats(`at://${did}/${LISTING}/${rkey}`)
    },
  )
}
