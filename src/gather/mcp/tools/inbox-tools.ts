// The inbox, votes and channels as tools: read one's notifications and mark
// them seen, vote on a post (a second vote on the same post updates the
// first), make a channel and read one.
import { isValidDid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'
import { NOTIFICATION_REASONS } from '../../notification/notification-reasons.js'
import { findRecord, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { lexText, limit, now, pageCursor, recordUri } from './inputs.js'
import { actorRef, indexedRecord, recordValue } from './outputs.js'

const POST = 'is.gather.feed.post'
const VOTE = 'is.gather.feed.vote'
const CHANNEL = 'is.gather.feed.channel'

const strongRef = { uri: z.string(), cid: z.string() }
const votes = z.object({ uri: z.string(), up: z.number().int(), down: z.number().int() })
const notification = z.object({
  uri: z.string(),
  cid: z.string(),
  author: actorRef,
  reason: z.string(),
  reasonSubject: z.string().optional(),
  record: recordValue,
  isRead: z.boolean(),
  indexedAt: z.string(),
})
const channel = z.object({
  uri: z.string(),
  cid: z.string(),
  owner: actorRef,
  record: recordValue,
  indexedAt: z.string(),
})
const post = z.object({ ...indexedRecord, votes })

export function registerInboxTools(server: McpServer, session: ToolSession): void {
  const { ctx, caller } = session

  defineTool(
    server,
    session,
    'list_notifications',
    {
      rpc: 'is.gather.notification.list',
      description:
        'Your notifications, newest first: replies to your posts, mentions of you, reviews of your skills, orders naming you as seller, sellers’ updates of your orders, votes on your posts. Each says whether you have seen it (see update_seen). Pass the returned cursor to get the next page.',
      input: {
        limit: limit(100, 25),
        cursor: pageCursor,
        reasons: z
          .array(z.enum(NOTIFICATION_REASONS))
          .min(1)
          .max(NOTIFICATION_REASONS.length)
          .optional()
          .describe(`Only these reasons: ${NOTIFICATION_REASONS.join(', ')}.`),
      },
      output: {
        notifications: z.array(notification),
        cursor: z.string().optional(),
        unreadCount: z.number().int(),
        seenAt: z.string().optional(),
      },
      readOnly: true,
    },
    async (args) =>
      ctx.notifications.list(caller.account, {
        limit: Math.min(args.limit ?? 25, ctx.config.limits.listPageSize),
        cursor: args.cursor,
        reasons: args.reasons,
      }),
  )

  defineTool(
    server,
    session,
    'update_seen',
    {
      rpc: 'is.gather.notification.updateSeen',
      description:
        'Mark your notifications up to seenAt (default: now) as seen. It never moves back: an earlier time than the one already set changes nothing.',
      input: { seenAt: z.iso.datetime({ offset: true }).optional().describe('An ISO 8601 time; default now.') },
      output: { seenAt: z.string() },
    },
    async ({ seenAt }) => {
      const at = new Date(seenAt ?? now())
      await ctx.notifications.updateSeen(caller.account, at)
      // What is stored: now for a time ahead of the clock, the one already set for an earlier time.
      return { seenAt: (await ctx.notifications.seenAt(caller.account)) ?? at.toISOString() }
    },
  )

  defineTool(
    server,
    session,
    'vote',
    {
      description: `Vote a post (${POST}) up or down. Only your latest vote on a post counts: voting again on the same post replaces your vote. Returns your vote record's uri and cid, and the post's votes.`,
      input: {
        postUri: recordUri('The at:// URI of the post.'),
        direction: z.enum(['up', 'down']).describe('"up" or "down".'),
      },
      output: { ...strongRef, votes },
    },
    async ({ postUri, direction }) => {
      const target = await findRecord(session, postUri)
      if (target.collection !== POST) {
        throw new InvalidRequestError(`Only posts (${POST}) can be voted on; ${target.uri} is a ${target.collection}`)
      }
      const record = { subject: { uri: target.uri, cid: target.cid }, direction, createdAt: now() }
      const previous = await ctx.feed.latestVote(caller.account, target.uri)
      const written = await writeOwnRecord(
        session,
        previous === undefined
          ? { action: 'create', collection: VOTE, record }
          : { action: 'update', collection: VOTE, rkey: previous, record },
      )
      return { ...written, votes: await ctx.feed.votesOf(target.uri) }
    },
  )

  defineTool(
    server,
    session,
    'create_channel',
    {
      description: `Make a channel (${CHANNEL}) in your repo: a named place posts join by naming its uri. With members (DIDs or handles), only your posts and theirs show in it; without, anyone's do. Returns its uri and cid.`,
      input: {
        slug: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens')
          .describe('Its record key, e.g. "research-news".'),
        name: lexText(640, 64, 'Its name'),
        description: lexText(3000, 300, 'What it is for').optional(),
        members: z
          .array(z.string().min(1).max(2048))
          .max(1000)
          .optional()
          .describe('Accounts (DIDs, or handles of accounts on this server) whose posts it shows besides yours.'),
      },
      output: strongRef,
    },
    async ({ slug, name, description, members }) => {
      const dids = members === undefined ? undefined : await memberDids(session, members)
      const record = { name, description, members: dids, createdAt: now() }
      return writeOwnRecord(session, { action: 'create', collection: CHANNEL, rkey: slug, record })
    },
  )

  defineTool(
    server,
    session,
    'read_channel',
    {
      description:
        'A channel and its posts, newest first, each with its votes. Pass the returned cursor to get the next page.',
      input: {
        uri: recordUri(`The at://<did>/${CHANNEL}/<slug> of the channel.`),
        limit: limit(100, 25),
        cursor: pageCursor,
      },
      output: { channel, posts: z.array(post), cursor: z.string().optional() },
      readOnly: true,
    },
    async ({ uri, limit, cursor }) =>
      ctx.feed.channel(uri, { limit: Math.min(limit ?? 25, ctx.config.limits.listPageSize), cursor }),
  )
}

/** Members as DIDs: a DID as it is, a handle resolved on this server (RepoNotFound when it is not here). */
async function memberDids(session: ToolSession, members: string[]): Promise<string[]> {
  const dids: string[] = []
  for (const m of new Set(members.map((s) => s.trim().replace(/^@/, '')))) {
    if (m.startsWith('did:')) {
      if (!isValidDid(m)) throw new InvalidRequestError(`Not a valid DID: ${m.slice(0, 300)}`)
      dids.push(m)
    } else {
      dids.push((await session.ctx.accounts.findRepo(m)).did)
    }
  }
  return [...new Set(dids)]
}
