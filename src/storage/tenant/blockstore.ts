// A blockstore over one account's rows in `repo_block`. It reads blocks on
// demand, by CID, so applying a write to the MST touches only the nodes on the
// paths it changes, never the whole repo. Reads are counted (a write must stay
// bounded however large the repo grows), kept for the life of one write, and
// looked up first in the process's shared BlockCache when one is given.

import type { Cid } from '@atproto/lex-data'
import { parseCid } from '@atproto/lex-data'
import { BlockMap, ReadableBlockstore, type RepoStorage } from '@atproto/repo'
import type { TenantDb } from '../storage.js'
import type { BlockCache } from './block-cache.js'

export class TenantBlockstore extends ReadableBlockstore implements RepoStorage {
  private readonly cache = new BlockMap()
  /** Blocks fetched from the database so far. */
  blocksRead = 0
  /** Queries issued so far. */
  queries = 0

  constructor(
    private readonly db: TenantDb,
    readonly did: string,
    private readonly root: Cid | null,
    private readonly shared?: BlockCache,
  ) {
    super()
  }

  async getRoot(): Promise<Cid | null> {
    return this.root
  }

  async getBytes(cid: Cid): Promise<Uint8Array | null> {
    const cached = this.cache.get(cid)
    if (cached) return cached
    const { blocks } = await this.getBlocks([cid])
    return blocks.get(cid) ?? null
  }

  async has(cid: Cid): Promise<boolean> {
    return (await this.getBytes(cid)) !== null
  }

  async getBlocks(cids: Cid[]): Promise<{ blocks: BlockMap; missing: Cid[] }> {
    const { blocks, missing: uncached } = this.cache.getMany(cids)
    const missing: Cid[] = []
    for (const cid of uncached) {
      const hit = this.shared?.get(cid.toString())
      if (hit) {
        this.cache.set(cid, hit)
        blocks.set(cid, hit)
      } else missing.push(cid)
    }
    if (missing.length === 0) return { blocks, missing }
    this.queries++
    const rows = await this.db
      .selectFrom('repo_block')
      .select(['cid', 'content'])
      .where('did', '=', this.did)
      .where(
        'cid',
        'in',
        missing.map((c) => c.toString()),
      )
      .execute()
    this.blocksRead += rows.length
    for (const row of rows) {
      const cid = parseCid(row.cid)
      this.cache.set(cid, row.content)
      this.shared?.set(row.cid, row.content)
      blocks.set(cid, row.content)
    }
    return { blocks, missing: missing.filter((c) => !blocks.has(c)) }
  }

  // Blocks a write creates are held here, readable at once; they reach the
  // database only through the repo transactor, with the root and the index.
  async putBlock(cid: Cid, block: Uint8Array): Promise<void> {
    this.cache.set(cid, block)
  }

  async putMany(blocks: BlockMap): Promise<void> {
    this.cache.addMap(blocks)
  }

  async updateRoot(): Promise<void> {
    throw new Error('repo roots move only through the repo transactor')
  }

  async applyCommit(): Promise<void> {
    throw new Error('commits are persisted only through the repo transactor')
  }
}
