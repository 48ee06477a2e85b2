// Reads of repositories for com.atproto.repo.* and com.atproto.sync.*: no
// locks, any replica. Full and partial CAR exports stream pages of blocks, so
// a large repo never sits in memory whole.
import { Readable } from 'node:stream'
import { type Cid, parseCid } from '@atproto/lex-data'
import { getRecords } from '@atproto/repo'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { TenantRegistry } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { AccountState, AccountStatus } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import { accountState } from '../storage/tenant/account-store.js'
import type { AccountWith, RecordRow } from '../storage/tenant/repo-store.js'
import { protocolStatus } from '../sync/events.js'
import { carHeader, carSections, carSectionsOfStored } from './car-pages.js'
import type { RepoLocation } from './repo-service.js'

/** Blocks a page of a CAR export is expected to hold (at most twice as many). */
export const CAR_PAGE_BLOCKS = 1000

/** Refuses reads of a repo whose account may not be served, with the sync API's errors. */
export function assertServable(did: string, status: AccountState): void {
  if (status === 'suspended') throw new InvalidRequestError(`Repo has been suspended: ${did}`, 'RepoSuspended')
  if (status === 'disabled') throw new InvalidRequestError(`Repo has been taken down: ${did}`, 'RepoTakendown')
  if (status === 'deactivated') throw new InvalidRequestError(`Repo has been deactivated: ${did}`, 'RepoDeactivated')
}

export type RepoListing = { did: string; head: string; rev: string; active: boolean; status?: string }

export class RepoReads {
  /** Pages of blocks read for CAR exports since start: an export reads pages as the client takes them. */
  carPagesRead = 0

  constructor(private readonly storage: Storage) {}

  async root(repo: RepoLocation): Promise<{ cid: string; rev: string }> {
    const root = await this.storage.read(repo.db_name, (t) => t.repo.getRoot(repo.did))
    if (!root) throw new InvalidRequestError(`Could not find repo for DID: ${repo.did}`, 'RepoNotFound')
    return root
  }

  /** The repo's current commit and how many blocks, records and blobs it has (checkAccountStatus). */
  async status(repo: RepoLocation) {
    const [root, counts] = await this.storage.read(repo.db_name, async (t) => [
      await t.repo.getRoot(repo.did),
      await t.repo.counts(repo.did),
    ])
    if (!root) throw new InvalidRequestError(`Could not find repo for DID: ${repo.did}`, 'RepoNotFound')
    return { ...root, ...counts }
  }

  getRecord(repo: RepoLocation, collection: string, rkey: string): Promise<RecordRow | undefined> {
    return this.storage.read(repo.db_name, (t) => t.repo.getRecord(repo.did, collection, rkey))
  }

  /** The account's state with one of its records (RepoReads.getRecord's), read in one statement. */
  recordOfAccount(repo: RepoLocation, collection: string, rkey: string): Promise<AccountWith<RecordRow | undefined>> {
    return this.storage.read(repo.db_name, (t) => t.repo.recordOfAccount(repo.did, collection, rkey))
  }

  /**
   * The account's state with a page of listRecords, read in one statement.
   * No page (undefined) for a cursor listRecords refuses as malformed: the
   * caller refuses it after the repo's own errors, in listRecords' order.
   */
  async pageOfAccount(
    repo: RepoLocation,
    opts: { collection: string; limit: number; cursor?: string; reverse: boolean },
  ): Promise<AccountWith<RecordRow[] | undefined>> {
    if (!unstorableText(opts.cursor))
      return this.storage.read(repo.db_name, (t) => t.repo.pageOfAccount(repo.did, opts))
    const account = await this.storage.read(repo.db_name, (t) =>
      t.repo.pageOfAccount(repo.did, { ...opts, cursor: undefined, limit: 0 }),
    )
    return account && { ...account, found: undefined }
  }

  listRecords(
    repo: RepoLocation,
    opts: { collection: string; limit: number; cursor?: string; reverse: boolean },
  ): Promise<RecordRow[]> {
    if (unstorableText(opts.cursor)) throw new InvalidRequestError('Malformed cursor')
    return this.storage.read(repo.db_name, (t) => t.repo.listRecords(repo.did, opts))
  }

  listCollections(repo: RepoLocation): Promise<string[]> {
    return this.storage.read(repo.db_name, (t) => t.repo.listCollections(repo.did))
  }

  /**
   * The repo as a CAR v1 rooted at the current commit, or with `since` only
   * the blocks added after that rev, in CID order. Pages are read as the
   * client consumes the stream, each a range of CIDs expected to hold about
   * CAR_PAGE_BLOCKS blocks (see cidRangeEnds) and never more than twice that;
   * blocks a concurrent commit drops are kept long enough (removed-block
   * grace period) that the export stays whole.
   */
  async exportCar(repo: RepoLocation, since?: string): Promise<Readable> {
    const [root, count] = await this.storage.read(repo.db_name, async (t) => {
      const root = await t.repo.getRoot(repo.did)
      if (!root) return [undefined, 0] as const
      return [root, await t.repo.exportedBlockCount(repo.did, { rootRev: root.rev, since })] as const
    })
    if (!root) throw new InvalidRequestError(`Could not find repo for DID: ${repo.did}`, 'RepoNotFound')
    const { rev, cid } = root
    const ends = cidRangeEnds(Math.ceil(count / CAR_PAGE_BLOCKS))
    const limit = 2 * CAR_PAGE_BLOCKS
    const readPage = (after: string | undefined, upTo: string | undefined) => {
      this.carPagesRead++
      return this.storage.read(repo.db_name, (t) =>
        t.repo.blockPage(repo.did, { rootRev: rev, since, after, upTo, limit }),
      )
    }
    async function* pages() {
      yield carHeader(parseCid(cid))
      // Each page starts after the last block sent, not at its range's start: whatever the
      // database's collation makes of the range ends, no block is sent twice or out of order.
      let after: string | undefined
      for (let range = 0; range <= ends.length; range++) {
        const upTo = ends[range]
        for (;;) {
          const page = await readPage(after, upTo)
          if (page.length > 0) yield carSectionsOfStored(page)
          after = page[page.length - 1]?.cid ?? after
          if (page.length < limit) break
        }
      }
    }
    return Readable.from(pages())
  }

  /** A page of the repos on one PDS host (null: the service host; absent: every host), across tenants, in DID order. */
  async listRepos(
    registry: TenantRegistry,
    opts: { limit: number; cursor?: string; host?: string | null },
  ): Promise<RepoListing[]> {
    if (unstorableText(opts.cursor)) throw new InvalidRequestError('Malformed cursor')
    const homes = await registry.homesPage(opts.limit, opts.cursor, opts.host)
    const byTenant = new Map<string, string[]>()
    for (const r of homes) byTenant.set(r.db_name, [...(byTenant.get(r.db_name) ?? []), r.did])
    const heads = new Map<string, { cid: string; rev: string; status: AccountStatus; deactivated_at: string | null }>()
    for (const [dbName, dids] of byTenant) {
      const rows = await this.storage.read(dbName, (t) => t.repo.heads(dids))
      for (const row of rows) heads.set(row.did, row)
    }
    return homes.flatMap((r) => {
      const head = heads.get(r.did)
      return head ? [{ did: r.did, head: head.cid, rev: head.rev, ...protocolStatus(accountState(head)) }] : []
    })
  }

  /**
   * The repo's blocks of these CIDs as a CAR without a root (com.atproto.sync.getBlocks);
   * the official's InvalidRequest naming every CID the repo does not hold.
   */
  async blocks(repo: RepoLocation, cids: string[]): Promise<Buffer> {
    const wanted = [...new Set(cids)].map((c) => parseCid(c))
    const got = await this.storage.read(repo.db_name, (t) => t.repo.blockstore(repo.did, null).getBlocks(wanted))
    if (got.missing.length > 0) {
      throw new InvalidRequestError(`Could not find cids: ${got.missing.map((c) => c.toString()).join(',')}`)
    }
    const found: { cid: Cid; bytes: Uint8Array }[] = []
    for (const cid of wanted) {
      const bytes = got.blocks.get(cid)
      if (bytes) found.push({ cid, bytes })
    }
    return Buffer.concat([carHeader(null), carSections(found)])
  }

  /** A CAR with the commit, the MST path to the record (or to where it would be) and the record. */
  async recordProof(repo: RepoLocation, collection: string, rkey: string): Promise<Uint8Array> {
    return this.storage.read(repo.db_name, async (t) => {
      const root = await t.repo.getRoot(repo.did)
      if (!root) throw new InvalidRequestError(`Could not find repo for DID: ${repo.did}`, 'RepoNotFound')
      const rootCid: Cid = parseCid(root.cid)
      const store = t.repo.blockstore(repo.did, rootCid)
      const chunks: Uint8Array[] = []
      for await (const chunk of getRecords(store, rootCid, [{ collection, rkey }])) chunks.push(chunk)
      return Buffer.concat(chunks)
    })
  }
}

// Base32 in the order the database sorts it (digits before letters), as CIDs are written.
const SORTED_BASE32 = '234567abcdefghijklmnopqrstuvwxyz'
// A CIDv1 of dag-cbor and sha-256 (every block of a repo) is "bafyrei" and then its digest, whose
// first three bits make the next character one of "a" to "h", and five bits each character after.
const CID_PREFIX = 'bafyrei'
const RANGE_STEPS = 8 * 32 * 32

/**
 * The last CIDs of `ranges` ranges that split the CIDs of a repo's blocks
 * (hashes, spread evenly) into parts of about equal size: ranges - 1 ends,
 * the last range has none. CIDs of other kinds only make a range bigger.
 */
export function cidRangeEnds(ranges: number): string[] {
  const n = Math.min(Math.max(ranges, 1), RANGE_STEPS)
  const ends: string[] = []
  for (let k = 1; k < n; k++) {
    const step = Math.floor((k * RANGE_STEPS) / n)
    const chars = ['abcdefgh'[step >> 10], SORTED_BASE32[(step >> 5) & 31], SORTED_BASE32[step & 31]]
    ends.push(`${CID_PREFIX}${chars.join('')}`)
  }
  return ends
}
