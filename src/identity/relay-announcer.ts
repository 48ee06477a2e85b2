// Tells relays this PDS's hosts exist (com.atproto.sync.requestCrawl), so
// they subscribe to each host's firehose: at start, whenever a new domain
// brings its first accounts, and for one host when it comes into use. Every
// (relay, hostname) pair is asked on its own: a relay that is down is
// retried with backoff, forever by default, for each host; it never stops the
// server, and each step is logged.
import type { RetryConfig } from '../config/config.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { backoffDelay, wait } from './backoff.js'

export type RelayState = {
  relay: string
  /** The host asked about (host[:port], as relays know it). */
  hostname: string
  status: 'idle' | 'asking' | 'accepted' | 'failing' | 'gave up'
  attempts: number
  lastError?: string
}

export type RelayAnnouncerOptions = {
  relays: string[]
  /** The service host (host[:port]): always ours, asked about even when the list of hosts cannot be read. */
  hostname: string
  /** Every host we serve now (host[:port]), the service host among them (PdsHosts.list()). */
  hostnames: () => Promise<string[]>
  retry: RetryConfig
  logger: Logger
}

const TIMEOUT_MS = 15_000

export class RelayAnnouncer implements BackgroundJob {
  readonly name = 'relay-announcer'
  /** By relay and hostname (pairKey), in the order first asked. */
  private readonly states = new Map<string, RelayState>()
  private readonly running = new Map<string, Promise<void>>()
  /** Pairs asked again while a request was under way: one more round after it, this promise. */
  private readonly queued = new Map<string, Promise<void>>()
  /** Announcements still reading the list of hosts. */
  private readonly listing = new Set<Promise<void>>()
  /** The hosts last listed: asked about when the list cannot be read. */
  private known: string[]
  private readonly stopping = new AbortController()

  constructor(private readonly opts: RelayAnnouncerOptions) {
    this.known = [opts.hostname]
    for (const relay of opts.relays) this.stateOf(relay, opts.hostname)
  }

  /** The service host (host[:port]). */
  get hostname(): string {
    return this.opts.hostname
  }

  /** A process that starts serving says so. */
  start(): void {
    this.announce('start')
  }

  /** Starts asking every relay to crawl every host we serve; returns at once. */
  announce(reason: string): void {
    if (this.stopping.signal.aborted) return
    const run: Promise<void> = this.hostnames()
      .then((hostnames) => {
        for (const hostname of hostnames) void this.announceHost(hostname, reason)
      })
      .finally(() => this.listing.delete(run))
    this.listing.add(run)
  }

  /**
   * Asks every relay to crawl `hostname`; resolves when each has accepted or
   * been given up on (or the announcer stopped). Never rejects.
   */
  async announceHost(hostname: string, reason: string): Promise<void> {
    if (this.stopping.signal.aborted) return
    await Promise.all(this.opts.relays.map((relay) => this.ask(relay, hostname, reason)))
  }

  /** Resolves when every request under way has ended (accepted, given up or stopped). */
  async settled(): Promise<void> {
    while (this.listing.size > 0 || this.running.size > 0 || this.queued.size > 0) {
      await Promise.all([...this.listing, ...this.running.values(), ...this.queued.values()])
    }
  }

  /** One entry per relay and hostname asked about (the service host's from the start). */
  state(): RelayState[] {
    return [...this.states.values()].map((s) => ({ ...s }))
  }

  stop(): void {
    this.stopping.abort()
  }

  /** Our hosts now; the last known ones when they cannot be read (the service host at least). */
  private async hostnames(): Promise<string[]> {
    try {
      const listed = await this.opts.hostnames()
      this.known = [...new Set([this.opts.hostname, ...listed])]
    } catch (err) {
      this.opts.logger.warn({ err }, 'listing our hosts for relays failed; asking about the ones last known')
    }
    return this.known
  }

  /** Asks `relay` about `hostname` until it accepts; after the round under way if there is one. */
  private ask(relay: string, hostname: string, reason: string): Promise<void> {
    const key = pairKey(relay, hostname)
    const current = this.running.get(key)
    if (current) {
      let next = this.queued.get(key)
      if (!next) {
        next = current.then(() => {
          this.queued.delete(key)
          return this.ask(relay, hostname, reason)
        })
        this.queued.set(key, next)
      }
      return next
    }
    if (this.stopping.signal.aborted) return Promise.resolve()
    const run = this.askUntilAccepted(relay, hostname, reason).finally(() => this.running.delete(key))
    this.running.set(key, run)
    return run
  }

  private stateOf(relay: string, hostname: string): RelayState {
    const key = pairKey(relay, hostname)
    let state = this.states.get(key)
    if (!state) {
      state = { relay, hostname, status: 'idle', attempts: 0 }
      this.states.set(key, state)
    }
    return state
  }

  private async askUntilAccepted(relay: string, hostname: string, reason: string): Promise<void> {
    const { retry, logger } = this.opts
    const state = this.stateOf(relay, hostname)
    state.attempts = 0
    const signal = this.stopping.signal
    while (!signal.aborted) {
      state.status = state.attempts === 0 ? 'asking' : 'failing'
      state.attempts++
      const problem = await this.request(relay, hostname)
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
  private async request(relay: string, hostname: string): Promise<string | undefined> {
    const url = new URL('/xrpc/com.atproto.sync.requestCrawl', relay)
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hostname }),
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

/** One relay and one host: asked, retried and reported on its own. */
function pairKey(relay: string, hostname: string): string {
  return `${relay} ${hostname}`
}
