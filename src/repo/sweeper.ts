// Background cleanup for every active tenant: blocks that commits dropped
// (kept a grace period so CAR exports already under way stay whole) and blobs
// no record has used for a grace period. Never fatal: failures are logged and
// the next round tries again.

import type { GcConfig } from '../config/config.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import type { TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'

export type SweepResult = { droppedBlocks: number; unusedBlobs: number }

export class StorageSweeper implements BackgroundJob {
  readonly name = 'storage-sweeper'
  private timer?: NodeJS.Timeout
  private running?: Promise<SweepResult>

  constructor(
    private readonly deps: {
      storage: Storage
      registry: TenantRegistry
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

  runOnce(): Promise<SweepResult> {
    return this.sweep()
  }

  /** One round over every tenant; concurrent calls share the round in progress. */
  sweep(now = new Date()): Promise<SweepResult> {
    this.running ??= this.round(now).finally(() => {
      this.running = undefined
    })
    return this.running
  }

  /** One pass over the tenants: each tenant's pool is opened once for both sweeps. */
  private async round(now: Date): Promise<SweepResult> {
    const { storage, registry, gc, logger } = this.deps
    const blockCutoff = new Date(now.getTime() - gc.droppedBlockGraceSeconds * 1000).toISOString()
    const blobCutoff = new Date(now.getTime() - gc.unusedBlobGraceSeconds * 1000).toISOString()
    const total: SweepResult = { droppedBlocks: 0, unusedBlobs: 0 }
    for (const domain of await registry.listDomains()) {
      if (domain.status !== 'active') continue
      const swept = await storage.write(domain.db_name, async (w) => ({
        droppedBlocks: await w.repo.sweepDroppedBlocks(blockCutoff),
        unusedBlobs: await w.blobs.sweep(blobCutoff),
      }))
      if (swept.droppedBlocks + swept.unusedBlobs > 0) logger.info({ tenant: domain.name, ...swept }, 'storage swept')
      total.droppedBlocks += swept.droppedBlocks
      total.unusedBlobs += swept.unusedBlobs
    }
    return total
  }
}
