// The repo operations the MCP tools share: reading any record on this server
// by its at:// URI, and writing to the caller's own repo through the same
// checks as the XRPC writes (lexicon validation, record size); the write
// budget is charged by defineTool, for every tool that is not read-only.

import { lexToJson } from '@atproto/lexicon'
import { cborToLexRecord } from '@atproto/repo'
import { AtUri } from '@atproto/syntax'
import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import { assertRepoWrite } from '../../api/oauth-permissions.js'
import { checkCollection, checkRkey, type WriteRequest } from '../../repo/prepare.js'
import { recordWriteOutput } from '../../repo/record-writer.js'
import { assertServable } from '../../repo/repo-reads.js'
import type { ToolSession } from './tool-session.js'

export type StrongRef = { uri: string; cid: string }
export type FoundRecord = StrongRef & { did: string; collection: string; rkey: string; value: Record<string, unknown> }

/** The parts of an at://did-or-handle/collection/rkey URI; InvalidRequest when it names no record. */
export function parseRecordUri(uri: string): { repo: string; collection: string; rkey: string } {
  let parsed: AtUri
  try {
    parsed = new AtUri(uri)
  } catch {
    throw new InvalidRequestError(`Not an at:// URI: ${uri.slice(0, 300)}`)
  }
  if (!parsed.host || !parsed.collection || !parsed.rkey) {
    throw new InvalidRequestError(`Not the at:// URI of a record (at://repo/collection/rkey): ${uri.slice(0, 300)}`)
  }
  return { repo: parsed.host, collection: checkCollection(parsed.collection), rkey: checkRkey(parsed.rkey) }
}

/** A record on this server, its URI in DID form; RepoNotFound or RecordNotFound when it is not here. */
export async function findRecord(session: ToolSession, uri: string): Promise<FoundRecord> {
  const { repo, collection, rkey } = parseRecordUri(uri)
  const target = await session.ctx.accounts.findRepo(repo)
  assertServable(target.did, target.status)
  const row = await session.ctx.repoReads.getRecord(target, collection, rkey)
  const canonical = `at://${target.did}/${collection}/${rkey}`
  if (!row) throw new InvalidRequestError(`Could not locate record: ${canonical}`, 'RecordNotFound')
  return { uri: canonical, cid: row.cid, did: target.did, collection, rkey, value: recordJson(row.content) }
}

/** A record of the caller's own repo, or undefined. */
export async function findOwnRecord(
  session: ToolSession,
  collection: string,
  rkey: string,
): Promise<(StrongRef & { value: Record<string, unknown> }) | undefined> {
  const row = await session.ctx.repoReads.getRecord(session.caller.account, collection, rkey)
  if (!row) return undefined
  return { uri: `at://${session.caller.did}/${collection}/${rkey}`, cid: row.cid, value: recordJson(row.content) }
}

/** A stored record in its JSON form (CIDs as {$link}, bytes as {$bytes}), as getRecord answers it. */
export function recordJson(content: Uint8Array): Record<string, unknown> {
  return lexToJson(cborToLexRecord(content)) as Record<string, unknown>
}

/** Writes one record to the caller's repo, validated against our lexicons as createRecord and putRecord do. */
export async function writeOwnRecord(session: ToolSession, write: WriteRequest): Promise<StrongRef> {
  const { ctx, caller } = session
  // An OAuth grant names the collections it may write (repo:is.gather.feed.post can post, not publish a skill).
  if (caller.oauth) assertRepoWrite(caller.oauth.permissions, write.action, write.collection)
  const commit = await ctx.recordWriter.writeOne(caller.account, { ...write, validate: true })
  const { uri, cid } = recordWriteOutput(caller.did, commit)
  return { uri, cid }
}

/**
 * The record key of a record of the caller's own repo in `collection`, named
 * by its at:// URI (by DID or handle): a URI into another repo is Forbidden, as
 * a session writes only its own, and one of another collection is refused.
 */
export function ownRecordKey(session: ToolSession, uri: string, collection: string): string {
  const named = parseRecordUri(uri)
  const { did, handle } = session.caller
  const repo = named.repo.toLowerCase()
  if (repo !== did.toLowerCase() && repo !== handle) {
    throw new ForbiddenError(`${uri.slice(0, 300)} is in another account's repo: you can change only your own records`)
  }
  if (named.collection !== collection) {
    throw new InvalidRequestError(`${uri.slice(0, 300)} is a ${named.collection}, not a ${collection}`)
  }
  return named.rkey
}

/** Deletes a record of the caller's repo; RecordNotFound when it is not there, so a typo is not a silent success. */
export async function deleteOwnRecord(session: ToolSession, collection: string, rkey: string): Promise<string> {
  const { ctx, caller } = session
  const existing = await findOwnRecord(session, collection, rkey)
  const uri = `at://${caller.did}/${collection}/${rkey}`
  if (!existing) throw new InvalidRequestError(`Could not locate record: ${uri}`, 'RecordNotFound')
  if (caller.oauth) assertRepoWrite(caller.oauth.permissions, 'delete', collection)
  // Deleting what was read: a record changed meanwhile is refused (InvalidSwap) rather than deleted unseen.
  await ctx.recordWriter.writeOne(caller.account, { action: 'delete', collection, rkey, swapRecord: existing.cid })
  return uri
}
