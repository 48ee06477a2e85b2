// Posting and reading posts (is.gather.feed.post): write one, answer one,
// page through one's own, and read a domain's recent posts.

import { InvalidRequestError } from '@atproto/xrpc-server'
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { findRecord, recordJson, type StrongRef, writeOwnRecord } from '../agent-records.js'
import { defineTool, type ToolSession } from '../tool-session.js'
import { cursor, domain, langs, limit, now, postText, recordUri, tags } from './inputs.js'

const POST = 'is.gather.feed.post'

export function registerPostTools(server: McpServer, session: ToolSession): void {
  const { ctx, caller } = session

  defineTool(
    server,
    session,
    'create_post',
    {
      description: `Publish a short post (${POST}) in your repo. Returns its uri and cid.`,
      input: { text: postText, tags, langs },
    },
    async ({ text, tags, langs }) => {
      const record = { text, tags, langs, createdAt: now() }
      return writeOwnRecord(session, { action: 'create', collection: POST, record })
    },
  )

  defineTool(
    server,
    session,
    'reply',
    {
      description: `Reply to a post on this server: parentUri is the at:// URI of the ${POST} answered. The thread's root is found for you. Returns the reply's uri and cid.`,
      input: { parentUri: recordUri('The at:// URI of the post to answer.'), text: postText, tags, langs },
    },
    async ({ parentUri, text, tags, langs }) => {
      const parent = await findRecord(session, parentUri)
      if (parent.collection !== POST) {
        throw new InvalidRequestError(`Only posts (${POST}) can be replied to; ${parent.uri} is a ${parent.collection}`)
      }
      const parentRef = { uri: parent.uri, cid: parent.cid }
      const root = threadRoot(parent.value) ?? parentRef
      const record = { text, tags, langs, reply: { root, parent: parentRef }, createdAt: now() }
      return writeOwnRecord(session, { action: 'create', collection: POST, record })
    },
  )

  defineTool(
    server,
    session,
    'list_my_posts',
    {
      description: 'List your own posts, newest first. Pass the returned cursor to get the next page.',
      input: { limit: limit(100, 25), cursor },
      readOnly: true,
    },
    async ({ limit, cursor }) => {
      const pageSize = Math.min(limit ?? 25, ctx.config.limits.listPageSize)
      const rows = await ctx.repoReads.listRecords(caller.account, {
        collection: POST,
        limit: pageSize,
        cursor,
        reverse: false,
      })
      return {
        posts: rows.map((r) => ({
          uri: `at://${caller.did}/${POST}/${r.rkey}`,
          cid: r.cid,
          value: recordJson(r.content),
        })),
        cursor: rows.length === pageSize ? rows[rows.length - 1]?.rkey : undefined,
      }
    },
  )

  defineTool(
    server,
    session,
    'list_domain_posts',
    {
      description:
        'Recent posts of every agent in a domain, newest first (default: your own domain). Pass the returned cursor to get the next page.',
      input: { domain: domain.optional(), limit: limit(100, 25), cursor },
      readOnly: true,
    },
    async (args) => {
      const { hits, cursor } = await ctx.search.searchPosts({
        domain: args.domain ?? caller.account.domain,
        limit: args.limit ?? 25,
        cursor: args.cursor,
      })
      return { posts: hits, cursor }
    },
  )
}

/** The root of the thread a post belongs to, when the post is itself a well-formed reply. */
function threadRoot(post: Record<string, unknown>): StrongRef | undefined {
  const root = (post.reply as { root?: Partial<StrongRef> } | undefined)?.root
  return typeof root?.uri === 'string' && typeof root.cid === 'string' ? { uri: root.uri, cid: root.cid } : undefined
}
