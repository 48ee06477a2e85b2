// The mail job: sends what the tenants' mail queues hold. A mail is queued in
// the transaction of the code it carries, after its domain is noted as having
// mail waiting; the process that queued it is told at once, and every process
// sweeps the noted queues on a timer, so a mail whose request was answered
// goes out even if that process died right after. Each
// mail is leased to one sender (across processes) for three send timeouts;
// a refused or failed send is retried with exponential backoff; once the mail
// server takes it, it is marked sent and never sent again.
import { randomUUID } from 'node:crypto'
import type { EmailConfig } from '../config/config.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import type { TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import type { QueuedMail } from '../storage/tenant/mail-store.js'
import { EMAIL_TOKEN_TTL_MS } from './email-token.js'
import type { MailSender } from './smtp-sender.js'

/** Mails leased (and sent at once) per round of one tenant. */
const BATCH = 10
/** Sent and given-up mail is kept this long (for operators), then deleted with the codes it carried. */
const KEEP_DONE_MS = 24 * 60 * 60 * 1000
/**
 * Longer than any transaction that queues a mail takes: a tenant's note of
 * waiting mail younger than this, when its queue was found empty, may be for
 * a mail not committed yet, and is kept for the next sweep.
 */
const QUEUE_WRITE_GRACE_MS = 60_000

export type MailQueueOptions = {
  storage: Storage
  registry: TenantRegistry
  sender: MailSender
  config: EmailConfig
  logger: Logger
}

export class MailQueue implements BackgroundJob {
  readonly name = 'mail'
  /** This process, as a lease names it. */
  private readonly owner = randomUUID()
  private readonly pending = new Set<string>()
  /** Per tenant, the timer of its next retry that falls before the next sweep. */
  private readonly retryTimers = new Map<string, NodeJS.Timeout>()
  private draining?: Promise<void>
  private sweepTimer?: NodeJS.Timeout
  private running = false
  /** Aborted by stop: a send under way is cut off (and retried later) rather than holding up shutdown. */
  private stopping = new AbortController()

  constructor(private readonly opts: MailQueueOptions) {}

  /** How long a lease holds: a send is cut off after one timeout, so three leave room for the database. */
  get leaseMs(): number {
    return 3 * this.opts.config.sendTimeoutMs
  }

  async start(): Promise<void> {
    this.running = true
    this.stopping = new AbortController()
    this.sweepTimer = setInterval(() => void this.sweep(), this.opts.config.sweepIntervalMs)
    this.sweepTimer.unref()
    // Mail a crash (or a stop) left in any queue goes out now, not at the first tick.
    void this.sweep()
  }

  async stop(): Promise<void> {
    this.running = false
    this.stopping.abort()
    clearInterval(this.sweepTimer)
    for (const t of this.retryTimers.values()) clearTimeout(t)
    this.retryTimers.clear()
    await this.idle()
  }

  /** Sweeps every queue once and waits for what it found to be sent or put back (tests). */
  async runOnce(): Promise<void> {
    const wasRunning = this.running
    this.running = true
    if (!wasRunning) this.stopping = new AbortController()
    try {
      await this.sweep()
      await this.idle()
    } finally {
      this.running = wasRunning
    }
  }

  /** Says that the tenant `dbName` queued a mail: it is sent now, by this process. */
  queued(dbName: string): void {
    this.wake(dbName)
  }

  /** Waits until every queue woken so far has been drained. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  private wake(dbName: string): void {
    if (!this.running) return
    this.pending.add(dbName)
    this.draining ??= this.drainPending().finally(() => {
      this.draining = undefined
    })
  }

  private async drainPending(): Promise<void> {
    while (this.pending.size > 0 && this.running) {
      const [dbName] = this.pending
      this.pending.delete(dbName as string)
      try {
        await this.drain(dbName as string)
      } catch (err) {
        this.opts.logger.warn({ err, tenant: dbName }, 'mail queue drain failed; the next sweep tries again')
      }
    }
  }

  /** Sends the tenant's due mail, a batch at a time, then sets a timer for its next retry. */
  private async drain(dbName: string): Promise<void> {
    const { storage, registry, config } = this.opts
    const domain = await registry.getDomainByDbName(dbName)
    if (domain?.status !== 'active') return
    const from = domain.email_from ?? config.from
    const startedAt = Date.now()
    // Due by the round's start: a mail that fails in this round waits for its retry, not for the next batch.
    const dueBy = new Date(startedAt).toISOString()
    for (;;) {
      const until = new Date(Date.now() + this.leaseMs).toISOString()
      const batch = await storage.write(dbName, (w) => w.mailQueue.lease(this.owner, dueBy, until, BATCH))
      if (batch.length === 0) break
      await Promise.all(batch.map((mail) => this.sendOne(dbName, domain.name, from, mail)))
      if (!this.running) return
    }
    await this.afterDrain(dbName, startedAt)
  }

  private async sendOne(dbName: string, tenant: string, from: string, mail: QueuedMail): Promise<void> {
    const { storage, sender, config, logger } = this.opts
    try {
      const { to_address: to, subject, text_body: text, html_body: html } = mail
      await sender.send({ from, to, subject, text, html }, this.stopping.signal)
    } catch (err) {
      const retryAt = mail.attempts < config.retry.attempts ? this.retryAt(mail.attempts) : null
      const message = err instanceof Error ? err.message : String(err)
      await storage.write(dbName, (w) =>
        w.mailQueue.markFailed(mail.id, this.owner, message, retryAt, new Date().toISOString()),
      )
      const log = { tenant, did: mail.did ?? undefined, mail: mail.id, attempts: mail.attempts, err: message }
      if (retryAt) logger.warn({ ...log, retryAt }, 'mail not sent; it will be tried again')
      else logger.error(log, 'mail not sent after every retry; given up')
      return
    }
    await storage.write(dbName, (w) => w.mailQueue.markSent(mail.id, new Date().toISOString()))
    logger.info({ tenant, did: mail.did ?? undefined, mail: mail.id, attempts: mail.attempts }, 'mail sent')
  }

  /** When the next try after `attempts` tries is due: the retry's initial delay, doubled per try, capped. */
  private retryAt(attempts: number): string {
    const { initialDelayMs, maxDelayMs } = this.opts.config.retry
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempts - 1))
    return new Date(Date.now() + delay).toISOString()
  }

  /**
   * After a round: mail done long ago is deleted; with nothing left to send,
   * the sweep stops visiting the tenant; else it is woken again when its
   * earliest waiting mail is due, if that is before the next sweep.
   */
  private async afterDrain(dbName: string, startedAt: number): Promise<void> {
    const { storage, registry } = this.opts
    const keepSince = new Date(Date.now() - KEEP_DONE_MS).toISOString()
    const due = await storage.write(dbName, async (w) => {
      await w.mailQueue.prune(keepSince)
      return w.mailQueue.earliestDue()
    })
    clearTimeout(this.retryTimers.get(dbName))
    this.retryTimers.delete(dbName)
    if (!due) return registry.clearMailPending(dbName, new Date(startedAt - QUEUE_WRITE_GRACE_MS))
    if (!this.running) return
    // At least a moment: a mail due now that this round could not lease is another sender's to finish.
    const wait = Math.max(50, new Date(due).getTime() - Date.now())
    if (wait >= this.opts.config.sweepIntervalMs) return
    const timer = setTimeout(() => {
      this.retryTimers.delete(dbName)
      this.wake(dbName)
    }, wait)
    timer.unref()
    this.retryTimers.set(dbName, timer)
  }

  /** Wakes the queue of every tenant that may have mail waiting, and forgets expired reset codes' notes. */
  private async sweep(): Promise<void> {
    if (!this.running) return
    const { registry, logger } = this.opts
    try {
      await registry.pruneTokenHomes(new Date(Date.now() - EMAIL_TOKEN_TTL_MS))
      for (const d of await registry.domainsWithMail()) this.wake(d.db_name)
    } catch (err) {
      logger.warn({ err }, 'mail queue sweep failed')
    }
  }
}
