// Fills the webhooks' queues from the firehose: reads the events after its
// cursor a page at a time, matches each page against the webhooks
// (webhook-matcher.ts) and queues the deliveries and moves the cursor in one
// management transaction, so a crash neither loses nor repeats a delivery. One
// process dispatches (a leader seat); it wakes when this process's tail reads
// new events and every pollMs. The first run starts at the firehose head:
// webhooks are sent only what comes after them.
import type { WebhooksConfig } from '../../config/config.js'
import type { BackgroundJob } from '../../lib/jobs.js'
import type { Logger } from '../../lib/logger.js'
import type { TenantRegistry } from '../../storage/management/tenant-registry.js'
import type { Storage } from '../../storage/storage.js'
import { accountState } from '../../storage/tenant/account-store.js'
import type { EventTail, SequencedFrame } from '../../sync/event-tail.js'
import type { JetstreamEvent } from '../../sync/jetstream-decoder.js'
import { LeaderSeat } from './leader-seat.js'
import { type AuthorOf, type DecodedEvent, matchPage } from './webhook-matcher.js'

/** The advisory lock key of the webhook dispatcher ("prwd"). */
const DISPATCHER_LOCK = 0x70727764
/** How often a process that does not dispatch tries to (a dead dispatcher is replaced this fast). */
const CAMPAIGN_MS = 2000
/** Events read at a time, at most, and their frames' bytes. */
const PAGE_EVENTS = 200
const PAGE_BYTES = 4 * 1024 * 1024

export type WebhookDispatcherDeps = {
  storage: Storage
  registry: TenantRegistry
  tail: EventTail
  /** A frame's JSON events (the JSON stream's decoder, whose cache this shares). */
  eventsOf: (frame: SequencedFrame) => Promise<JetstreamEvent[]>
  config: WebhooksConfig
  /** Told when deliveries were queued. */
  enqueued: () => void
  logger: Logger
}

export class WebhookDispatcher implements BackgroundJob {
  readonly name = 'webhook-dispatcher'
  private readonly seat: LeaderSeat
  private timers: NodeJS.Timeout[] = []
  private running?: Promise<void>
  private again = false
  private stopped = false
  private readonly onEvents = () => this.poke()

  constructor(private readonly deps: WebhookDispatcherDeps) {
    this.seat = new LeaderSeat(deps.storage.coordination, DISPATCHER_LOCK, this.name, deps.logger)
  }

  async start(): Promise<void> {
    this.stopped = false
    this.deps.tail.on('events', this.onEvents)
    await this.seat.take()
    const campaign = setInterval(() => void this.seat.take().then((held) => held && this.poke()), CAMPAIGN_MS)
    const poll = setInterval(() => this.poke(), this.deps.config.pollMs)
    campaign.unref()
    poll.unref()
    this.timers.push(campaign, poll)
    this.poke()
  }

  async stop(): Promise<void> {
    this.stopped = true
    this.deps.tail.off('events', this.onEvents)
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    while (this.running) await this.running
    await this.seat.release()
  }

  /** Dispatches everything sequenced so far (if this process holds the seat). */
  async runOnce(): Promise<void> {
    while (this.running) await this.running
    if (await this.seat.take()) await this.catchUp()
  }

  /** Dispatches now (again after the run under way, if one is). */
  poke(): void {
    if (this.stopped || !this.seat.held) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.catchUp()
      .catch((err) => this.deps.logger.warn({ err }, 'dispatching webhook events failed; retried on the next poll'))
      .finally(() => {
        this.running = undefined
        if (this.again) {
          this.again = false
          this.poke()
        }
      })
  }

  private async catchUp(): Promise<void> {
    const { storage } = this.deps
    let cursor = await storage.managementReader.webhooks.cursor()
    if (cursor === undefined) {
      await storage.managementTransactor.webhooks.initCursor(
        (await storage.managementReader.firehose.head()).seq,
        new Date().toISOString(),
      )
      cursor = await storage.managementReader.webhooks.cursor()
    }
    while (cursor !== undefined && !this.stopped && this.seat.held) {
      const next = await this.dispatchPage(cursor)
      if (next === undefined) return
      cursor = next
    }
  }

  /** Dispatches the page after `from`; where the cursor is then, or undefined when there was nothing new. */
  private async dispatchPage(from: number): Promise<number | undefined> {
    const { storage, tail, config } = this.deps
    const frames = tail.framesAfter(from, PAGE_EVENTS) ?? (await tail.readAfter(from, PAGE_BYTES)).frames
    const last = frames.at(-1)
    if (!last) return undefined
    let queued = 0
    const moved = await storage.managementTransactor.transact(async (tx) => {
      // Under this lock no webhook is being made (webhook-service.ts): those read now are all that may want the page.
      if ((await tx.webhooks.lockCursor('update')) !== from) return false
      const webhooks = await tx.webhooks.forDispatch(last.seq)
      // With no webhook that wants them, the events are passed over without being decoded.
      const deliveries = webhooks.length > 0 ? await matchPage(await this.decode(frames), webhooks, this.authorOf) : []
      queued = deliveries.length
      return tx.webhooks.enqueue(from, last.seq, deliveries, config.maxQueued, new Date().toISOString())
    })
    // Another dispatcher moved the cursor (this process lost the seat meanwhile): go on from where it is.
    if (!moved) return storage.managementReader.webhooks.cursor()
    if (queued > 0) this.deps.enqueued()
    return last.seq
  }

  private decode(frames: SequencedFrame[]): Promise<DecodedEvent[]> {
    return Promise.all(frames.map(async (f) => ({ seq: f.seq, timeUs: f.timeUs, events: await this.deps.eventsOf(f) })))
  }

  /** The handles of those of `dids` that are active accounts of ours. */
  private readonly authorOf: AuthorOf = async (dids) => {
    const { storage, registry } = this.deps
    const homes = await registry.findHomes(dids)
    const found = new Map<string, { did: string; handle: string }>()
    await Promise.all(
      homes.map(async (home) => {
        const summary = await storage.read(home.db_name, (t) => t.accounts.summary(home.did))
        if (summary && accountState(summary) === 'active') found.set(home.did, { did: home.did, handle: home.handle })
      }),
    )
    return found
  }
}
