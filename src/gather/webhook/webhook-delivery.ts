// Sends the webhooks' queues: each active webhook's oldest delivery once it
// is due, one in flight per webhook (so each webhook, and so each account,
// gets its events in order), up to `concurrency` in all. A 2xx takes the
// delivery off the queue; anything else is retried after retryBaseMs doubled
// per attempt (up to retryMaxMs), and pauseAfterFailures failures in a row
// pause the webhook until its owner resumes it (its queue still fills, up to
// maxQueued). One process delivers (a leader seat). Payloads are never logged.
import type { WebhooksConfig } from '../../config/config.js'
import type { BackgroundJob } from '../../lib/jobs.js'
import type { Logger } from '../../lib/logger.js'
import type { DueDelivery } from '../../storage/management/webhook-store.js'
import type { Storage } from '../../storage/storage.js'
import { LeaderSeat } from './leader-seat.js'
import { WebhookPoster } from './webhook-post.js'
import { deliveryId, type WebhookSigner } from './webhook-signer.js'

/** The advisory lock key of webhook delivery ("prwh"). */
const DELIVERY_LOCK = 0x70727768
/** How often a process that does not deliver tries to (a dead one is replaced this fast). */
const CAMPAIGN_MS = 2000
/** How long a stop lets sends under way finish before it cuts them short. */
const STOP_GRACE_MS = 2000

export type DeliveryOutcome = 'delivered' | 'failed'

export type WebhookDeliveryDeps = {
  storage: Storage
  signer: WebhookSigner
  config: WebhooksConfig
  /** Told of each attempt's outcome (metrics). */
  attempted?: (outcome: DeliveryOutcome) => void
  logger: Logger
}

export class WebhookDelivery implements BackgroundJob {
  readonly name = 'webhook-delivery'
  private readonly seat: LeaderSeat
  /** Made on start and closed on stop, with its pooled connections. */
  private poster?: WebhookPoster
  /** The delivery in flight, per webhook id. */
  private readonly inFlight = new Map<string, Promise<void>>()
  private timers: NodeJS.Timeout[] = []
  private pumping?: Promise<void>
  private again = false
  private stopped = false
  /** Aborted on stop, after a grace: sends still under way are cut short and left queued, to be sent again (same webhook-id). */
  private stopping = new AbortController()

  constructor(private readonly deps: WebhookDeliveryDeps) {
    this.seat = new LeaderSeat(deps.storage.coordination, DELIVERY_LOCK, this.name, deps.logger)
  }

  async start(): Promise<void> {
    this.stopped = false
    if (this.stopping.signal.aborted) this.stopping = new AbortController()
    this.poster ??= new WebhookPoster(this.deps.config)
    await this.seat.take()
    const campaign = setInterval(() => void this.seat.take().then((held) => held && this.wake()), CAMPAIGN_MS)
    // Also when retries fall due: the next due time is never far under pollMs' resolution.
    const poll = setInterval(() => this.wake(), this.deps.config.pollMs)
    campaign.unref()
    poll.unref()
    this.timers.push(campaign, poll)
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    while (this.pumping) await this.pumping
    // Sends under way may finish (a send cut short after the receiver took it would be sent again), for a
    // moment only: a slow receiver's timeout is not waited out.
    let grace: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(this.inFlight.values()),
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, STOP_GRACE_MS)
      }),
    ])
    clearTimeout(grace)
    this.stopping.abort()
    await Promise.all(this.inFlight.values())
    this.poster?.close()
    this.poster = undefined
    await this.seat.release()
  }

  /** Sends what is due now and waits for those sends (tests). */
  async runOnce(): Promise<void> {
    if (!(await this.seat.take())) return
    this.poster ??= new WebhookPoster(this.deps.config)
    this.wake()
    while (this.pumping) await this.pumping
    await Promise.all(this.inFlight.values())
  }

  /** Looks for due deliveries now (again after the look under way). */
  wake(): void {
    if (this.stopped || !this.seat.held) return
    if (this.pumping) {
      this.again = true
      return
    }
    this.pumping = this.pump()
      .catch((err) => this.deps.logger.warn({ err }, 'reading due webhook deliveries failed; retried on the next poll'))
      .finally(() => {
        this.pumping = undefined
        if (this.again) {
          this.again = false
          this.wake()
        }
      })
  }

  /** Starts a send for each webhook with a due delivery and none in flight, while there is room. */
  private async pump(): Promise<void> {
    const room = this.deps.config.concurrency - this.inFlight.size
    if (room <= 0) return
    const due = await this.deps.storage.managementReader.webhooks.due(new Date().toISOString(), room, [
      ...this.inFlight.keys(),
    ])
    for (const d of due) {
      if (this.stopped || this.inFlight.has(d.webhook_id)) continue
      const sending = this.send(d)
        .catch((err) => this.deps.logger.warn({ err, webhook: d.webhook_id }, 'recording a webhook attempt failed'))
        .finally(() => {
          this.inFlight.delete(d.webhook_id)
          // The webhook's next delivery may be due now, and there is room for another webhook's.
          this.wake()
        })
      this.inFlight.set(d.webhook_id, sending)
    }
  }

  private async send(d: DueDelivery): Promise<void> {
    const { storage, signer, config, logger } = this.deps
    const url = URL.parse(d.url)
    const headers = signer.headers(deliveryId(d.webhook_id, d.seq, d.idx), d.payload)
    this.poster ??= new WebhookPoster(config)
    const poster = this.poster
    const result = url
      ? await poster.post(url, d.payload, { ...headers }, this.stopping.signal)
      : { ok: false, error: 'the webhook url does not parse' }
    if (result.aborted) return
    const at = new Date().toISOString()
    if (result.ok) {
      await storage.managementTransactor.transact((tx) => tx.webhooks.delivered(d, { status: result.status, at }))
      this.deps.attempted?.('delivered')
      return
    }
    const attempts = d.attempts + 1
    const delayMs = Math.min(config.retryBaseMs * 2 ** (attempts - 1), config.retryMaxMs)
    const retryAt = new Date(Date.now() + delayMs).toISOString()
    await storage.managementTransactor.transact((tx) =>
      tx.webhooks.failed(d, { status: result.status, error: result.error, at }, retryAt, config.pauseAfterFailures),
    )
    this.deps.attempted?.('failed')
    logger.debug(
      { webhook: d.webhook_id, seq: d.seq, idx: d.idx, attempts, status: result.status, error: result.error },
      'webhook delivery failed; retried later',
    )
  }
}
