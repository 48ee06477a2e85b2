// The Prometheus series of one server, on a registry of its own: tests run
// several servers in one process, and no series may count another's work.
// Counters and histograms are fed where things happen; gauges read live
// state when scraped, so an idle server does no metrics work at all.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from '../storage/storage.js'

const PREFIX = 'primal_pds_'

/** 1 ms (a cached read) to 10 s (a large CAR export). */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
/** Sequencing takes milliseconds; a backlog or a sequencer takeover shows as seconds up to a minute. */
const LAG_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]
const WAIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** The live state the gauges read at scrape time (structural, so tests and services need not be the real classes). */
export type WatchedState = {
  firehose: { readonly subscriberCount: number }
  jetstream: { readonly subscriberCount: number }
  /** The firehose as this process follows it. */
  tail: { readonly head: number }
  sequencer: { readonly outboxDepth: number }
  storage: { poolStats(): PoolStats | undefined }
}

/** What the relay gauges read when scraped: each host's relay views as of the last relay check. */
export type RelayViews = {
  latest(): {
    hostname: string
    accounts: number
    relays: { relay: string; reachable: boolean; status?: string; accountCount?: number; behind?: number }[]
  }[]
}

/** Every value the relay status gauge has a series for: a relay's host statuses, and ours for no answer. */
const RELAY_STATUSES = ['active', 'idle', 'offline', 'throttled', 'banned', 'unknown', 'unreachable', 'other'] as const

export type PoolName = 'management' | 'tenant'

export class Metrics {
  readonly registry = new Registry()
  private readonly requests: Counter<'nsid' | 'status'>
  private readonly requestSeconds: Histogram<'nsid' | 'status'>
  private readonly sequencerLag: Histogram
  private readonly poolWaits: Counter<'pool'>
  private readonly poolWaitSeconds: Histogram<'pool'>
  private readonly firehosePacedSeconds: Counter<'host'>
  private readonly webhookDeliveries: Counter<'outcome'>

  constructor() {
    const registers = [this.registry]
    // Process CPU, memory, event loop lag and GC: each call sets up its own
    // collectors on the registry given, so several servers in one process coexist.
    collectDefaultMetrics({ register: this.registry, prefix: PREFIX })
    this.requests = new Counter({
      name: `${PREFIX}xrpc_requests_total`,
      help: 'HTTP requests answered, by XRPC method (or fixed route name) and status',
      labelNames: ['nsid', 'status'],
      registers,
    })
    this.requestSeconds = new Histogram({
      name: `${PREFIX}xrpc_request_duration_seconds`,
      help: 'Time from a request arriving to its answer being sent, by XRPC method (or route) and status',
      labelNames: ['nsid', 'status'],
      buckets: REQUEST_BUCKETS,
      registers,
    })
    this.sequencerLag = new Histogram({
      name: `${PREFIX}sequencer_lag_seconds`,
      help: 'Time from an event being written to its outbox to its being sequenced into the firehose',
      buckets: LAG_BUCKETS,
      registers,
    })
    this.poolWaits = new Counter({
      name: `${PREFIX}db_pool_waits_total`,
      help: 'Times a request had to wait for a database connection (tenant: the connection budget was spent)',
      labelNames: ['pool'],
      registers,
    })
    this.poolWaitSeconds = new Histogram({
      name: `${PREFIX}db_pool_wait_seconds`,
      help: 'How long requests that had to wait for a database connection waited',
      labelNames: ['pool'],
      buckets: WAIT_BUCKETS,
      registers,
    })
    this.firehosePacedSeconds = new Counter({
      name: `${PREFIX}firehose_paced_seconds_total`,
      help: 'Time subscribers of a paced PDS host spent waiting for their pace (summed over subscribers), by host',
      labelNames: ['host'],
      registers,
    })
    this.webhookDeliveries = new Counter({
      name: `${PREFIX}webhook_deliveries_total`,
      help: 'Webhook delivery attempts, by outcome (delivered: a 2xx; failed: anything else, retried later)',
      labelNames: ['outcome'],
      registers,
    })
  }

  get contentType(): string {
    return this.registry.contentType
  }

  /** One answered request; `nsid` must come from a bounded set (see request-log.ts). */
  request(nsid: string, status: number, seconds: number): void {
    const labels = { nsid, status: String(status) }
    this.requests.inc(labels)
    this.requestSeconds.observe(labels, seconds)
  }

  /** One event sequenced, `seconds` after its outbox row was written. */
  sequenced(seconds: number): void {
    // A clock set back between the write and now must not record a negative lag.
    this.sequencerLag.observe(Math.max(0, seconds))
  }

  /** A connection lease that had to wait, and for how long. */
  poolWait(pool: PoolName, seconds: number): void {
    this.poolWaits.inc({ pool })
    this.poolWaitSeconds.observe({ pool }, seconds)
  }

  /** A subscriber of `host` (one of our hosts' host[:port]: a bounded set) waited `seconds` for its pace. */
  firehosePaced(host: string, seconds: number): void {
    this.firehosePacedSeconds.inc({ host }, seconds)
  }

  /** One webhook delivery attempt and how it went. */
  webhookAttempt(outcome: 'delivered' | 'failed'): void {
    this.webhookDeliveries.inc({ outcome })
  }

  /** Registers the gauges that read `state` when scraped; called once, when the context is built. */
  watch(state: WatchedState): void {
    const registers = [this.registry]
    new Gauge({
      name: `${PREFIX}firehose_connections`,
      help: 'Open firehose subscriptions, by stream (subscribeRepos CBOR, or jetstream JSON over WebSocket or SSE)',
      labelNames: ['stream'],
      registers,
      collect() {
        this.set({ stream: 'subscribeRepos' }, state.firehose.subscriberCount)
        this.set({ stream: 'jetstream' }, state.jetstream.subscriberCount)
      },
    })
    new Gauge({
      name: `${PREFIX}firehose_head_seq`,
      help: 'The latest firehose seq this process has seen',
      registers,
      collect() {
        this.set(state.tail.head)
      },
    })
    new Gauge({
      name: `${PREFIX}outbox_depth`,
      help: 'Outbox rows written but not yet sequenced, as the sequencing process counts them (0 elsewhere)',
      registers,
      collect() {
        this.set(state.sequencer.outboxDepth)
      },
    })
    // The embedded database has no connection pools: those series would only ever say 0.
    if (!state.storage.poolStats()) return
    new Gauge({
      name: `${PREFIX}tenant_pools_open`,
      help: 'Tenant database connection pools open',
      registers,
      collect() {
        this.set(state.storage.poolStats()?.tenantPoolsOpen ?? 0)
      },
    })
    new Gauge({
      name: `${PREFIX}db_pool_waiting`,
      help: 'Queries waiting for a connection right now, by pool',
      labelNames: ['pool'],
      registers,
      collect() {
        const stats = state.storage.poolStats()
        this.set({ pool: 'management' }, stats?.managementWaiting ?? 0)
        this.set({ pool: 'tenant' }, stats?.tenantWaiting ?? 0)
      },
    })
  }

  /**
   * Registers the relay gauges: per relay and host, its status (one series
   * per status value, 1 for the current one and 0 for the rest, so a change
   * of status is a change of value, not a series appearing), the accounts it
   * counts against ours, and how far its seq is behind. They say what the
   * last relay check found; a host or relay gone is dropped from them.
   */
  watchRelays(relays: RelayViews): void {
    const registers = [this.registry]
    new Gauge({
      name: `${PREFIX}relay_host_status`,
      help: 'What each relay says of each of our PDS hosts (getHostStatus): 1 on the current status',
      labelNames: ['relay', 'hostname', 'status'],
      registers,
      collect() {
        this.reset()
        for (const host of relays.latest()) {
          for (const r of host.relays) {
            const current = relayStatus(r)
            for (const status of RELAY_STATUSES) {
              this.set({ relay: r.relay, hostname: host.hostname, status }, status === current ? 1 : 0)
            }
          }
        }
      },
    })
    new Gauge({
      name: `${PREFIX}relay_host_accounts`,
      help: 'Accounts on each of our PDS hosts, as each relay counts them (counted_by=relay) and as we do (counted_by=us)',
      labelNames: ['relay', 'hostname', 'counted_by'],
      registers,
      collect() {
        this.reset()
        for (const host of relays.latest()) {
          for (const r of host.relays) {
            this.set({ relay: r.relay, hostname: host.hostname, counted_by: 'us' }, host.accounts)
            if (r.accountCount !== undefined) {
              this.set({ relay: r.relay, hostname: host.hostname, counted_by: 'relay' }, r.accountCount)
            }
          }
        }
      },
    })
    new Gauge({
      name: `${PREFIX}relay_host_seq_lag`,
      help: "How far each relay's seq of each of our PDS hosts is behind the host's own (in seqs, not events)",
      labelNames: ['relay', 'hostname'],
      registers,
      collect() {
        this.reset()
        for (const host of relays.latest()) {
          for (const r of host.relays) {
            if (r.behind !== undefined) this.set({ relay: r.relay, hostname: host.hostname }, r.behind)
          }
        }
      },
    })
  }

  /** The Prometheus text exposition of every series. */
  render(): Promise<string> {
    return this.registry.metrics()
  }
}

/** The status series a relay view sets to 1. */
function relayStatus(r: { reachable: boolean; status?: string }): (typeof RELAY_STATUSES)[number] {
  if (!r.reachable) return 'unreachable'
  const known = RELAY_STATUSES.find((s) => s === r.status)
  return known ?? 'other'
}
