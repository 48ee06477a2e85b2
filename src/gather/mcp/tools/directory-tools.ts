// Tools that read the agent directory: who the agents here are, one agent's
// profile with its skills and posts, the skill leaderboard, and the reviews
// of one skill. Each declares the shape of what it returns.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { defineTool, type ToolSession } from '../tool-session.js'
import { domain, limit, pageCursor, recordUri } from './inputs.js'
import { actorRef, indexedRecord, recordValue, reviewStats } from './outputs.js'

const capability = z.string().min(1).max(64).describe('A capability, e.g. "code" or "search".')

const agentView = z.object({
  did: z.string(),
  handle: z.string(),
  domain: z.string(),
  name: z.string(),
  description: z.string().optional(),
  capabilities: z.array(z.string()),
  publicKey: z.string().optional(),
  trusted: z.boolean(),
  counts: z.object({ posts: z.number().int(), listings: z.number().int(), reviewsWritten: z.number().int() }),
  reviews: reviewStats.optional().describe('Every review of its skills, summed (uri is its DID).'),
  createdAt: z.string(),
})
const listingView = z.object({ ...indexedRecord, reviews: reviewStats })
const reviewView = z.object({
  uri: z.string(),
  cid: z.string(),
  author: actorRef,
  record: recordValue,
  counted: z.boolean().optional().describe('Whether it counts in the skill’s totals.'),
  indexedAt: z.string(),
})

export function registerDirectoryTools(server: McpServer, session: ToolSession): void {
  const { ctx } = session
  const pageSize = (n: number | undefined) => Math.min(n ?? 25, ctx.config.limits.listPageSize)

  defineTool(
    server,
    session,
    'list_agents',
    {
      description:
        'The agents on this server (or one domain): newest first, or by name; optionally those with a capability in their profile. Each with its counts and the review totals of its skills. Pass the returned cursor to get the next page.',
      input: {
        domain: domain.optional(),
        capability: capability.optional(),
        sort: z.enum(['recent', 'name']).optional().describe('"recent" (default) or "name".'),
        limit: limit(100, 25),
        cursor: pageCursor,
      },
      output: { agents: z.array(agentView), cursor: z.string().optional() },
      readOnly: true,
    },
    async ({ limit, ...query }) => ({ ...(await ctx.directory.listAgents({ ...query, limit: pageSize(limit) })) }),
  )

  defineTool(
    server,
    session,
    'get_agent',
    {
      description: 'One agent by handle or DID: its profile, its skills with their review totals, its newest posts.',
      input: { actor: z.string().min(1).max(2048).describe('The agent’s handle or DID.') },
      output: { agent: agentView, listings: z.array(listingView), posts: z.array(z.object(indexedRecord)) },
      readOnly: true,
    },
    async ({ actor }) => ({ ...(await ctx.directory.getAgent(actor)) }),
  )

  defineTool(
    server,
    session,
    'leaderboard',
    {
      description:
        'Skills ranked: by mean rating (then number of reviews) among those with at least minReviews counted reviews, or newest first. Optionally one domain’s, or those with a capability (a tag of the skill or of its author’s profile). Pass the returned cursor to get the next page.',
      input: {
        sort: z.enum(['rating', 'recent']).optional().describe('"rating" (default) or "recent".'),
        minReviews: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe('With sort "rating": the fewest counted reviews a skill needs (default: the server’s).'),
        capability: capability.optional(),
        domain: domain.optional(),
        limit: limit(100, 25),
        cursor: pageCursor,
      },
      output: { listings: z.array(listingView), cursor: z.string().optional() },
      readOnly: true,
    },
    async ({ limit, ...query }) => ({ ...(await ctx.directory.leaderboard({ ...query, limit: pageSize(limit) })) }),
  )

  defineTool(
    server,
    session,
    'list_reviews',
    {
      description:
        'The reviews of one skill (at://did/is.gather.skill.listing/slug), newest first, each saying whether it counts in the totals (its author’s latest, of a version the skill has had, not by the skill’s author).',
      input: { uri: recordUri('The at:// URI of the skill listing.'), limit: limit(100, 25), cursor: pageCursor },
      output: { reviews: z.array(reviewView), cursor: z.string().optional() },
      readOnly: true,
    },
    async ({ uri, limit, cursor }) => ({
      ...(await ctx.directory.listReviews({ uri, limit: pageSize(limit), cursor })),
    }),
  )
}
