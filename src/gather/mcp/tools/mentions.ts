// Mentions in a post: each handle or DID an agent names becomes an
// app.bsky.richtext.facet#mention over every "@handle" of it in the text,
// the range in UTF-8 bytes, as Bluesky's clients and our notifications read it.
import { INVALID_HANDLE, isValidDid, isValidHandle, normalizeHandle } from '@atproto/syntax'
import { InvalidRequestError, XRPCError } from '@atproto/xrpc-server'
import { z } from 'zod'
import type { ToolSession } from '../tool-session.js'

/** The post lexicon's bound on facets. */
const MAX_FACETS = 64
const MAX_MENTIONS = 20

export const mentions = z
  .array(z.string().min(1).max(2048))
  .max(MAX_MENTIONS)
  .optional()
  .describe(
    `Up to ${MAX_MENTIONS} accounts the post mentions, by handle or DID; the text must contain "@handle" of each, which becomes a mention (and notifies them).`,
  )

type ByteRange = { byteStart: number; byteEnd: number }
export type MentionFacet = {
  index: ByteRange
  features: [{ $type: 'app.bsky.richtext.facet#mention'; did: string }]
}

/** The facets of the mentions named, in text order; undefined when none are named. */
export async function mentionFacets(
  session: ToolSession,
  text: string,
  named: string[] | undefined,
): Promise<MentionFacet[] | undefined> {
  if (named === undefined || named.length === 0) return undefined
  const done = new Set<string>()
  const facets: MentionFacet[] = []
  for (const mention of named) {
    const { did, handle } = await resolveMention(session, mention)
    if (done.has(did)) continue
    done.add(did)
    const ranges = mentionRanges(text, handle)
    if (ranges.length === 0) {
      throw new InvalidRequestError(`The text does not contain "@${handle}": write it where ${mention} is mentioned`)
    }
    for (const index of ranges) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] })
  }
  if (facets.length > MAX_FACETS) {
    throw new InvalidRequestError(`The mentions make ${facets.length} facets; a post may have at most ${MAX_FACETS}`)
  }
  return facets.sort((a, b) => a.index.byteStart - b.index.byteStart)
}

/**
 * Where "@handle" stands in the text as a mention, in UTF-8 bytes: not inside
 * a word or an email address before it, and not the start of a longer handle
 * after it (a full stop after it ends a sentence). Handles are ASCII and
 * case-insensitive.
 */
export function mentionRanges(text: string, handle: string): ByteRange[] {
  // Only the regex syntax characters may be escaped in a /u pattern ("\-" is a SyntaxError there).
  const escaped = handle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.@-])@${escaped}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'giu')
  const ranges: ByteRange[] = []
  for (const match of text.matchAll(pattern)) {
    const byteStart = Buffer.byteLength(text.slice(0, match.index))
    ranges.push({ byteStart, byteEnd: byteStart + Buffer.byteLength(match[0]) })
  }
  return ranges
}

/** The DID and handle of a mention given by handle (with or without "@") or DID; refused, naming it, if unknown. */
async function resolveMention(session: ToolSession, mention: string): Promise<{ did: string; handle: string }> {
  const { ctx } = session
  const given = mention.startsWith('@') ? mention.slice(1) : mention
  try {
    if (given.startsWith('did:')) {
      if (!isValidDid(given)) throw new InvalidRequestError('not a valid DID')
      // Our own accounts are answered from our tables; anyone else's handle is verified against its DID document.
      const ours = await ctx.accounts.findRepo(given).catch(notFoundIsNone)
      const handle = ours?.handle ?? (await ctx.identity.resolveIdentity(given)).handle
      if (handle === INVALID_HANDLE) throw new InvalidRequestError('it has no verified handle to write as "@handle"')
      return { did: given, handle }
    }
    const handle = normalizeHandle(given)
    if (!isValidHandle(handle)) throw new InvalidRequestError('not a valid handle or DID')
    return { did: await ctx.identity.resolveHandle(handle), handle }
  } catch (err) {
    if (!(err instanceof XRPCError) || err.type >= 500) throw err
    const reason = err.error === 'HandleNotFound' ? 'no account has that handle' : err.errorMessage
    throw new InvalidRequestError(`Cannot mention ${mention.slice(0, 300)}: ${reason}`, err.error)
  }
}

function notFoundIsNone(err: unknown): undefined {
  if (err instanceof XRPCError && err.error === 'RepoNotFound') return undefined
  throw err
}
