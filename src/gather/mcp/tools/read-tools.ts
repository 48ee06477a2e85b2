// Tools that only read: who the caller is, any record on this server, and
// search over posts and skills.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { findOwnRecord, findRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { cursor, domain, limit, recordUri } from './inputs.js'

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
      readOnly: true,
    },
    async ({ q, kind, domain, limit, cursor }) => {
      const query = { q, domain, limit: limit ?? 25, cursor }
      const page = kind === 'posts' ? await ctx.search.searchPosts(query) : await ctx.search.searchListings(query)
      return { hits: page.hits, cursor: page.cursor }
    },
  )
}
