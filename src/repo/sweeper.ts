// Background cleanup for every active tenant: blocks that commits dropped
// (kept a grace period so CAR exports already under way stay whole) and blobs
// no record has used for a grace period. Never fatal: failures are logged and
// the next round tries again.
import type { BlobService } from '../blob/blob-service.js'
import type { GcConfig } from '../config/config.js'
import type { Storage } from '../db/storage.js'
import type { Logger } from '../logger.js'
import type { Directory } from '../tenant/directory.js'
import { repoTransactor } from './repo-store.js'

export type SweepResult = { droppedBlocks: number; unusedBlobs: number }

export class StorageSweeper {
  private timer?: NodeJS.Timeout
  private running?: Promise<SweepResult>

  constructor(
    private readonly deps: {
      storage: Storage
      directory: Directory
      blobs: BlobService
      gc: GcConfig
      logger: Logger
    },
  ) {}

  start(): void {
    if (this.timer) return
    this.timer = setInterval(() => {
      this.sweep().catch((err) => this.deps.logger.warn({ err }, 'storage sweep failed'))
    }, this.deps.gc.intervalSeconds * 1000)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running?.catch(() => {})
  }

  /** One round over every tenant; concurrent calls share the round in progress. */
  sweep(now = new Date()): Promise<SweepResult> {
    this.running ??= this.round(now).finally(() => {
      this.running = undefined
    })
    return this.running
  }

  private async round(now: Date): Promise<SweepResult> {
    const { storage, directory, blobs, gc, logger } = this.deps
    const blockCutoff = new Date(now.getTime() - gc.droppedBlockGraceSeconds * 1000).toISOString()
    let droppedBlocks = 0
    for (const domain of await directory.listDomains()) {
      if (domain.status !== 'active') continue
      const n = await storage.withTenant(domain.db_name, (db) => repoTransactor.sweepDroppedBlocks(db, blockCutoff))
      if (n > 0) logger.debug({ tenant: domain.name, deleted: n }, 'swept dropped repo blocks')
      droppedBlocks += n
    }
    const unusedBlobs = await blobs.sweep(new Date(now.getTime() - gc.unusedBlobGraceSeconds * 1000))
    return { droppedBlocks, unusedBlobs }
  }
}
