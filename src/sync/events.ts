// Bodies of every firehose event (#commit, #sync, #identity, #account) as
// the outbox holds them: DAG-CBOR without seq and time, which the sequencer adds.
import { encode } from '@atproto/lex-cbor'
import { type Cid, parseCid } from '@atproto/lex-data'
import { BlockMap, blocksToCarFile, type CommitData } from '@atproto/repo'
import type { AccountState } from '../storage/schema.js'

/** One record operation of a commit, as its #commit event states it. */
export type CommitEventOp = {
  action: 'create' | 'update' | 'delete'
  collection: string
  rkey: string
  /** The record's new CID (null for a delete). */
  cid: Cid | null
  /** The record's previous CID (updates and deletes). */
  prev: string | null
}

/**
 * The #commit event body (sync 1.1): the diff's blocks as a CAR rooted at
 * the commit, the ops with their previous CIDs, and the previous MST root so
 * a consumer can check the commit inductively.
 */
export async function commitEvent(
  did: string,
  commit: CommitData,
  ops: CommitEventOp[],
  prevData: Cid | null,
): Promise<Uint8Array> {
  const blocks = new BlockMap()
  blocks.addMap(commit.newBlocks)
  blocks.addMap(commit.relevantBlocks)
  return encode({
    repo: did,
    commit: commit.cid,
    rev: commit.rev,
    since: commit.since,
    blocks: await blocksToCarFile(commit.cid, blocks),
    ops: ops.map((o) => ({
      action: o.action,
      path: `${o.collection}/${o.rkey}`,
      cid: o.cid,
      ...(o.prev ? { prev: parseCid(o.prev) } : {}),
    })),
    ...(prevData ? { prevData } : {}),
    blobs: [],
    rebase: false,
    tooBig: false,
  })
}

/** The #sync event body: the repo's whole current state, as a CAR holding only its commit block. */
export async function syncEvent(did: string, commit: CommitData): Promise<Uint8Array> {
  return syncEventAt(did, { cid: commit.cid, rev: commit.rev, block: commit.newBlocks.get(commit.cid) })
}

/** The #sync event body for the commit `cid` at `rev`, whose block is `block`. */
export async function syncEventAt(
  did: string,
  commit: { cid: Cid; rev: string; block: Uint8Array | undefined },
): Promise<Uint8Array> {
  const blocks = new BlockMap()
  if (commit.block) blocks.set(commit.cid, commit.block)
  return encode({ did, rev: commit.rev, blocks: await blocksToCarFile(commit.cid, blocks) })
}

export function identityEvent(did: string, handle: string): Uint8Array {
  return encode({ did, handle })
}

/**
 * An account's status as the protocol states it (`#account` events,
 * getRepoStatus, listRepos, sessions). A domain admin's `disabled` is the
 * protocol's takedown; `suspended` is temporary; `deactivated` is the
 * owner's own choice; `removed` is an account deleted (by itself, an admin,
 * or its domain's removal).
 */
export function protocolStatus(status: AccountState | 'removed'): { active: boolean; status?: string } {
  if (status === 'active') return { active: true }
  if (status === 'suspended' || status === 'deactivated') return { active: false, status }
  return { active: false, status: status === 'disabled' ? 'takendown' : 'deleted' }
}

export function accountEvent(did: string, status: AccountState | 'removed'): Uint8Array {
  return encode({ did, ...protocolStatus(status) })
}
