// Fills the webhooks' queues from the firehose: reads the events after its
// cursor a page at a time, matches each page against the webhooks
// (webhook-matcher.ts) and queues the deliveries and moves the cursor in one
// management transaction, so a crash neither loses nor repeats a delivery. One
// process dispatches (a leader seat); it wakes when this process's tail reads
// new events and every pollMs. The first run starts at the firehose head:
// webhooks are sent only what comes after them. While no webhook wants the
// events, the cursor moves at most every IDLE_CURSOR_MS: a transaction per
// page would cost the database more than the writes it follows.
import type { WebhooksConfig } from '../../config/config.js'
import type { BackgroundJob } from '../../lib/jobs.js'
import type { Logger } from '../../lib/logger.js'
import type { TenantRegistry } from '../../storage/management/tenant-registry.js'
import type { WebhookRow } from '../../storage/management/webhook-store.js'
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
/**
 * With no webhook to queue for, how long the cursor may stay behind. The
 * events it stays behind are matched, under the cursor's lock as always, when
 * it next moves; a webhook made meanwhile is queued them then.
 */
const IDLE_CURSOR_MS = 2000

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
  /** When this process last moved the cursor (0: not yet). */
  private cursorMovedAt = 0

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
    if (!(await this.seat.take())) return
    while (this.running) await this.running
    // As a run of its own, so a poke meanwhile waits for it rather than running beside it.
    const run = this.catchUp(true)
    this.running = run.then(
      () => this.ran(),
      () => this.ran(),
    )
    await run
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
      .finally(() => this.ran())
  }

  private ran(): void {
    this.running = undefined
    if (this.again) {
      this.again = false
      this.poke()
    }
  }

  /**
   * Dispatches up to the head; while no webhook wants the events, only once
   * IDLE_CURSOR_MS has passed since the cursor last moved (then all the way),
   * or when `force`d.
   */
  private async catchUp(force = false): Promise<void> {
    const { storage } = this.deps
    // Decided once a run: a run that moves the cursor moves it to the head, however far behind it was.
    const due = force || Date.now() - this.cursorMovedAt >= IDLE_CURSOR_MS
    let cursor = await storage.managementReader.webhooks.cursor()
    if (cursor === undefined) {
      await storage.managementTransactor.webhooks.initCursor(
        (await storage.managementReader.firehose.head()).seq,
        new Date().toISOString(),
      )
      cursor = await storage.managementReader.webhooks.cursor()
    }
    while (cursor !== undefined && !this.stopped && this.seat.held) {
      const next = await this.dispatchPage(cursor, due)
      if (next === undefined) return
      cursor = next
    }
  }

  /**
   * Dispatches the page after `from`; where the cursor is then, or undefined
   * when there was nothing new, or nothing any webhook wants and the cursor
   * is not `due` to move.
   */
  private async dispatchPage(from: number, due: boolean): Promise<number | undefined> {
    const { storage, tail, config } = this.deps
    const frames = withinBytes(tail.framesAfter(from, PAGE_EVENTS) ?? (await tail.readAfter(from, PAGE_BYTES)).frames)
    const last = frames.at(-1)
    if (!last) return undefined
    // Decoded once, and only when some webhook may want the page.
    let decoded: Promise<DecodedEvent[]> | undefined
    const page = () => {
      decoded ??= this.decode(frames)
      return decoded
    }
    // The transaction below may not wait on another query (the embedded database has one session, which it
    // holds), so the authors a notification names are looked up before it, for the webhooks there are now,
    // and again after it for a webhook made in between.
    const authors = new Map<string, Author | null>()
    const now = await storage.managementReader.webhooks.forDispatch(last.seq)
    if (now.length === 0 && !due) return undefined
    if (now.length > 0) await this.lookUp(await this.authorsNamed(await page(), now), authors)
    for (;;) {
      const missing = new Set<string>()
      let queued = 0
      const outcome = await storage.managementTransactor.transact(async (tx) => {
        // Under this lock no webhook is being made (webhook-service.ts): those read now are all that may want the page.
        if ((await tx.webhooks.lockCursor('update')) !== from) return 'moved'
        const webhooks = await tx.webhooks.forDispatch(last.seq)
        const deliveries = webhooks.length > 0 ? await matchPage(await page(), webhooks, known(authors, missing)) : []
        if (missing.size > 0) return 'authors'
        queued = deliveries.length
        await tx.webhooks.enqueue(from, last.seq, deliveries, config.maxQueued, new Date().toISOString())
        return 'queued'
      })
      if (outcome === 'authors') {
        await this.lookUp([...missing], authors)
        continue
      }
      // Another dispatcher moved the cursor (this process lost the seat meanwhile): go on from where it is.
      if (outcome === 'moved') return storage.managementReader.webhooks.cursor()
      this.cursorMovedAt = Date.now()
      if (queued > 0) this.deps.enqueued()
      return last.seq
    }
  }

  private decode(frames: SequencedFrame[]): Promise<DecodedEvent[]> {
    return Promise.all(frames.map(async (f) => ({ seq: f.seq, timeUs: f.timeUs, events: await this.deps.eventsOf(f) })))
  }

  /** The authors whose records notify one of `webhooks` in `page`. */
  private async authorsNamed(page: DecodedEvent[], webhooks: WebhookRow[]): Promise<string[]> {
    const named: string[] = []
    await matchPage(page, webhooks, async (dids) => {
      named.push(...dids)
      return new Map()
    })
    return named
  }

  /** Adds each of `dids` to `authors`: its handle when it is an active account of ours, else null. */
  private async lookUp(dids: string[], authors: Map<string, Author | null>): Promise<void> {
    if (dids.length === 0) return
    const { storage, registry } = this.deps
    for (const did of dids) authors.set(did, null)
    const homes = await registry.findHomes(dids)
    await Promise.all(
      homes.map(async (home) => {
        // A tenant that cannot answer (its database down, or being removed) must not stop every webhook:
        // its authors count as not active, and their notifications are not sent.
        const summary = await storage
          .read(home.db_name, (t) => t.accounts.summary(home.did))
          .catch((err: unknown) => {
            this.deps.logger.warn({ err, tenant: home.domain }, 'a webhook notification author could not be looked up')
            return undefined
          })
        if (summary && accountState(summary) === 'active') authors.set(home.did, { did: home.did, handle: home.handle })
      }),
    )
  }
}

type Author = { did: string; handle: string }

/** The frames up to PAGE_BYTES of them (one at least): a page's payloads are bounded by what it reads. */
function withinBytes(frames: SequencedFrame[]): SequencedFrame[] {
  let bytes = 0
  let n = 0
  while (n < frames.length && (n === 0 || bytes + frames[n].frame.byteLength <= PAGE_BYTES)) {
    bytes += frames[n].frame.byteLength
    n++
  }
  return frames.slice(0, n)
}

/** Authors from what was looked up; those not looked up yet are added to `missing`. */
function known(authors: Map<string, Author | null>, missing: Set<string>): AuthorOf {
  return async (dids) => {
    const found = new Map<string, Author>()
    for (const did of dids) {
      const author = authors.get(did)
      if (author === undefined) missing.add(did)
      else if (author !== null) found.set(did, author)
    }
    return found
  }
}
