// Tells relays this PDS exists (com.atproto.sync.requestCrawl), so they
// subscribe to its firehose: at start and whenever a new domain brings its
// first accounts. A relay that is down is retried with backoff, forever by
// default; it never stops the server, and each step is logged.
import type { RetryConfig } from '../config/config.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { backoffDelay, wait } from './backoff.js'

export type RelayState = {
  relay: string
  status: 'idle' | 'asking' | 'accepted' | 'failing' | 'gave up'
  attempts: number
  lastError?: string
}

const TIMEOUT_MS = 15_000

export class RelayAnnouncer implements BackgroundJob {
  readonly name = 'relay-announcer'
  private readonly states = new Map<string, RelayState>()
  private readonly running = new Map<string, Promise<void>>()
  /** Relays asked again while a request to them was under way: they get one more round after it. */
  private readonly again = new Set<string>()
  private readonly stopping = new AbortController()

  constructor(private readonly opts: { relays: string[]; hostname: string; retry: RetryConfig; logger: Logger }) {
    for (const relay of opts.relays) this.states.set(relay, { relay, status: 'idle', attempts: 0 })
  }

  get hostname(): string {
    return this.opts.hostname
  }

  /** A process that starts serving says so. */
  start(): void {
    this.announce('start')
  }

  /** Starts asking every relay to crawl us; returns at once. */
  announce(reason: string): void {
    if (this.stopping.signal.aborted) return
    for (const relay of this.opts.relays) {
      if (this.running.has(relay)) {
        this.again.add(relay)
        continue
      }
      const run = this.askUntilAccepted(relay, reason).finally(() => {
        this.running.delete(relay)
        if (this.again.delete(relay)) this.announce(reason)
      })
      this.running.set(relay, run)
    }
  }

  /**
   * Asks every relay to crawl `hostname` (a domain's own PDS host) and
   * resolves when each accepted or gave up. For now every relay is asked
   * about this server's one hostname and `hostname` only names the reason in
   * the log; per-host requests replace this.
   */
  async announceHost(hostname: string, reason: string): Promise<void> {
    this.announce(`${reason}: ${hostname}`)
    await this.settled()
  }

  /** Resolves when every request under way has ended (accepted, given up or stopped). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values())
  }

  state(): RelayState[] {
    return [...this.states.values()].map((s) => ({ ...s }))
  }

  stop(): void {
    this.stopping.abort()
  }

  private async askUntilAccepted(relay: string, reason: string): Promise<void> {
    const { retry, logger, hostname } = this.opts
    const state = this.states.get(relay) as RelayState
    state.attempts = 0
    const signal = this.stopping.signal
    while (!signal.aborted) {
      state.status = state.attempts === 0 ? 'asking' : 'failing'
      state.attempts++
      const problem = await this.ask(relay)
      if (!problem) {
        state.status = 'accepted'
        state.lastError = undefined
        logger.info({ relay, hostname, reason, attempts: state.attempts }, 'relay accepted requestCrawl')
        return
      }
      // Stopped mid-request: the abort is ours, not the relay's failure.
      if (signal.aborted) return
      state.lastError = problem
      if (retry.attempts > 0 && state.attempts >= retry.attempts) {
        state.status = 'gave up'
        logger.error({ relay, hostname, attempts: state.attempts, problem }, 'relay requestCrawl failed; giving up')
        return
      }
      const delayMs = backoffDelay(retry, state.attempts)
      state.status = 'failing'
      logger.warn(
        { relay, hostname, attempts: state.attempts, problem, retryInMs: delayMs },
        'relay requestCrawl failed',
      )
      await wait(delayMs, signal)
    }
  }

  /** One request; the problem as text, or undefined when the relay accepted. */
  private async ask(relay: string): Promise<string | undefined> {
    const url = new URL('/xrpc/com.atproto.sync.requestCrawl', relay)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hostname: this.opts.hostname }),
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      })
      const text = await res.text().catch(() => '')
      return res.ok ? undefined : `HTTP ${res.status}: ${text.slice(0, 300)}`
    } catch (err) {
      const cause = (err as Error).cause
      return cause ? String(cause) : String(err)
    }
  }
}
