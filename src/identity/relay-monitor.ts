// How the relays we announce to see each PDS host we run: every relay's
// com.atproto.sync.getHostStatus for every host, asked in the background
// (relayCheck.intervalSeconds) and kept in memory, set against what the host
// serves (its accounts, the last seq its firehose carried) and where our
// requestCrawl to that relay stands. With one account, each relay's
// getRepoStatus is asked now. A relay that fails to answer is a view with
// its error, never a failure of the question.
import type { BackgroundJob } from '../lib/jobs.js'
import { Ticker } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'

export type RelayHostView = {
  relay: string
  /** Whether the relay answered at all (an error answer is an answer). */
  reachable: boolean
  /** The relay's status of the host; `unknown` when it does not know the host (HostNotFound). */
  status?: string
  accountCount?: number
  seq?: number
  /** Our seq of the host less the relay's (seqs are the one global sequence: not a count of events). */
  behind?: number
  /** Where our requestCrawl to this relay for this host stands. */
  crawl?: string
  error?: string
  checkedAt?: string
}

export type HostStatusView = {
  hostname: string
  domains: string[]
  /** Accounts on this host, as we count them. */
  accounts: number
  /** The last seq this host's firehose carried (0: none kept). */
  seq: number
  eventsPerSecond?: number
  relays: RelayHostView[]
}

/** What we hold of one account, to set against the relays. */
export type OurAccount = { did: string; hostname: string; active: boolean; status?: string; rev?: string }

export type RelayAccountView = {
  relay: string
  reachable: boolean
  known: boolean
  active?: boolean
  status?: string
  rev?: string
  inSync?: boolean
  error?: string
}

/** One of our PDS hosts, as tenant/pds-hosts.ts names it (the shape only: identity/ does not import tenant/). */
export type MonitoredHost = {
  /** null: the service host. */
  host: string | null
  /** host[:port]: how relays know it. */
  hostname: string
  domains: string[]
  eventsPerSecond: number
}

/** One crawl state of the relay announcer (`hostname`: the host asked for, when the announcer names it). */
export type CrawlState = { relay: string; status: string; hostname?: string }

export type RelayMonitorOptions = {
  relays: string[]
  /** Our PDS hosts now (the service host first). */
  hosts: () => Promise<MonitoredHost[]>
  /** Accounts per host, as our registry counts them (null: the service host). */
  accountsByHost: () => Promise<{ host: string | null; accounts: number }[]>
  /** The last seq of each host's events we keep. */
  headsByHost: (hosts: (string | null)[]) => Promise<{ host: string | null; seq: number }[]>
  /** The relay announcer's requestCrawl states. */
  crawlStates: () => CrawlState[]
  /** How often every relay is asked about every host (0: only when someone asks). */
  intervalMs: number
  /** How long one question to a relay may take. */
  timeoutMs: number
  logger: Logger
}

/** A relay's answer about one host. */
type HostAnswer = Pick<RelayHostView, 'reachable' | 'status' | 'accountCount' | 'seq' | 'error'> & { checkedAt: string }

/** listHosts' largest page (its lexicon's maximum), and how many pages one check reads at most. */
const LIST_PAGE_SIZE = 1000
const LIST_PAGES = 20

export class RelayMonitor implements BackgroundJob {
  readonly name = 'relay-monitor'
  private readonly ticker: Ticker
  /** The latest answer per relay and hostname. */
  private readonly answers = new Map<string, HostAnswer>()
  private checking?: Promise<void>
  /** The views composed right after the last check (both sides of one moment): what the metrics report. */
  private latestViews: HostStatusView[] = []
  private readonly stopping = new AbortController()

  constructor(private readonly opts: RelayMonitorOptions) {
    this.ticker = new Ticker(
      () => this.check(),
      (err) => opts.logger.warn({ err }, 'relay check failed'),
    )
  }

  start(): void {
    if (this.opts.intervalMs <= 0 || this.opts.relays.length === 0) return
    this.ticker.start(this.opts.intervalMs)
  }

  async stop(): Promise<void> {
    this.stopping.abort()
    await this.ticker.stop()
    await this.checking
  }

  runOnce(): Promise<void> {
    return this.check()
  }

  /**
   * Every host with every relay's view: the latest answers, or answers asked
   * now when `refresh` says so or some relay has not been asked of some host yet.
   */
  async status(refresh = false): Promise<HostStatusView[]> {
    const hosts = await this.opts.hosts()
    const unasked = hosts.some((h) => this.opts.relays.some((r) => !this.answers.has(key(r, h.hostname))))
    if (refresh || unasked) await this.check(hosts)
    return this.compose(hosts)
  }

  /** The views as of the last check, without asking anyone (the metrics read them when scraped). */
  latest(): HostStatusView[] {
    return this.latestViews
  }

  /** Every relay's getRepoStatus of one account, asked now, against ours. */
  account(ours: OurAccount): Promise<RelayAccountView[]> {
    return Promise.all(this.opts.relays.map((relay) => this.askRepo(relay, ours)))
  }

  /** Asks every relay about every host; a check under way is joined rather than doubled. */
  private check(hosts?: MonitoredHost[]): Promise<void> {
    this.checking ??= this.askAll(hosts).finally(() => {
      this.checking = undefined
    })
    return this.checking
  }

  private async askAll(given?: MonitoredHost[]): Promise<void> {
    const hosts = given ?? (await this.opts.hosts())
    await Promise.all(
      this.opts.relays.map(async (relay) => {
        const answers = await Promise.all(hosts.map((h) => this.askHost(relay, h.hostname)))
        // indigo's getHostStatus leaves accountCount out (its listHosts has it): read it there.
        const uncounted = hosts.filter((_, i) => knownHost(answers[i]) && answers[i]?.accountCount === undefined)
        const listed = uncounted.length > 0 ? await this.listedCounts(relay, uncounted) : new Map<string, number>()
        hosts.forEach((h, i) => {
          const answer = answers[i] as HostAnswer
          const count = listed.get(h.hostname)
          if (answer.accountCount === undefined && count !== undefined) answer.accountCount = count
          this.answers.set(key(relay, h.hostname), answer)
        })
      }),
    )
    // A host that is no longer ours is no longer asked about, nor reported.
    const current = new Set(this.opts.relays.flatMap((r) => hosts.map((h) => key(r, h.hostname))))
    for (const k of this.answers.keys()) if (!current.has(k)) this.answers.delete(k)
    this.latestViews = await this.compose(hosts)
  }

  private async compose(hosts: MonitoredHost[]): Promise<HostStatusView[]> {
    const [counts, heads] = await Promise.all([
      this.opts.accountsByHost(),
      this.opts.headsByHost(hosts.map((h) => h.host)),
    ])
    const crawls = this.opts.crawlStates()
    return hosts.map((h) => {
      const seq = heads.find((x) => x.host === h.host)?.seq ?? 0
      return {
        hostname: h.hostname,
        domains: h.domains,
        accounts: counts.find((c) => c.host === h.host)?.accounts ?? 0,
        seq,
        eventsPerSecond: h.eventsPerSecond > 0 ? h.eventsPerSecond : undefined,
        relays: this.opts.relays.map((relay) => {
          const answer = this.answers.get(key(relay, h.hostname))
          // The announcer names the host it asked for; one that does not asks for the service host only.
          const crawl = crawls.find(
            (c) => c.relay === relay && (c.hostname ?? hosts[0]?.hostname) === h.hostname,
          )?.status
          if (!answer) return { relay, reachable: false, crawl, error: 'not asked yet' }
          const behind = answer.seq !== undefined && seq > 0 ? Math.max(0, seq - answer.seq) : undefined
          return { relay, ...answer, behind, crawl }
        }),
      }
    })
  }

  private async askHost(relay: string, hostname: string): Promise<HostAnswer> {
    const checkedAt = new Date().toISOString()
    const res = await this.get(relay, 'com.atproto.sync.getHostStatus', { hostname })
    if ('problem' in res) return { reachable: false, error: res.problem, checkedAt }
    const body = res.body
    if (!res.ok) {
      if (body.error === 'HostNotFound') return { reachable: true, status: 'unknown', checkedAt }
      return { reachable: true, error: answerError(res.status, body), checkedAt }
    }
    return {
      reachable: true,
      status: typeof body.status === 'string' ? body.status : undefined,
      accountCount: integer(body.accountCount),
      seq: integer(body.seq),
      checkedAt,
    }
  }

  /**
   * The account counts a relay's listHosts gives for these hosts: its pages
   * read until every one is found, the list ends, or LIST_PAGES were read (a
   * large relay lists thousands of hosts); a failure leaves the rest uncounted.
   */
  private async listedCounts(relay: string, hosts: MonitoredHost[]): Promise<Map<string, number>> {
    const wanted = new Set(hosts.map((h) => h.hostname))
    const counts = new Map<string, number>()
    let cursor: string | undefined
    for (let page = 0; page < LIST_PAGES && counts.size < wanted.size; page++) {
      const params: Record<string, string> = { limit: String(LIST_PAGE_SIZE), ...(cursor ? { cursor } : {}) }
      const res = await this.get(relay, 'com.atproto.sync.listHosts', params)
      if ('problem' in res || !res.ok || !Array.isArray(res.body.hosts)) break
      for (const h of res.body.hosts as { hostname?: unknown; accountCount?: unknown }[]) {
        const hostname = typeof h.hostname === 'string' ? h.hostname.toLowerCase() : undefined
        const count = integer(h.accountCount)
        if (hostname && wanted.has(hostname) && count !== undefined) counts.set(hostname, count)
      }
      cursor = typeof res.body.cursor === 'string' ? res.body.cursor : undefined
      if (!cursor) break
    }
    return counts
  }

  private async askRepo(relay: string, ours: OurAccount): Promise<RelayAccountView> {
    const res = await this.get(relay, 'com.atproto.sync.getRepoStatus', { did: ours.did })
    if ('problem' in res) return { relay, reachable: false, known: false, error: res.problem }
    const body = res.body
    if (!res.ok) {
      if (body.error === 'RepoNotFound') return { relay, reachable: true, known: false, inSync: false }
      return { relay, reachable: true, known: false, error: answerError(res.status, body) }
    }
    const rev = typeof body.rev === 'string' ? body.rev : undefined
    return {
      relay,
      reachable: true,
      known: true,
      active: typeof body.active === 'boolean' ? body.active : undefined,
      status: typeof body.status === 'string' ? body.status : undefined,
      rev,
      inSync: rev !== undefined && rev === ours.rev,
    }
  }

  /** One GET of an XRPC query: the answer (any status), or the problem when none came. */
  private async get(
    relay: string,
    nsid: string,
    params: Record<string, string>,
  ): Promise<{ ok: boolean; status: number; body: Record<string, unknown> } | { problem: string }> {
    const url = new URL(`/xrpc/${nsid}`, relay)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    try {
      const res = await fetch(url, {
        signal: AbortSignal.any([this.stopping.signal, AbortSignal.timeout(this.opts.timeoutMs)]),
      })
      const text = await res.text()
      let body: Record<string, unknown> = {}
      try {
        const parsed = JSON.parse(text)
        if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>
      } catch {
        body = { message: text.slice(0, 300) }
      }
      return { ok: res.ok, status: res.status, body }
    } catch (err) {
      const cause = (err as Error).cause
      return { problem: cause ? String(cause) : String(err) }
    }
  }
}

/** Whether a relay's answer says it knows the host. */
function knownHost(answer: HostAnswer | undefined): boolean {
  return answer?.status !== undefined && answer.status !== 'unknown'
}

function key(relay: string, hostname: string): string {
  return `${relay} ${hostname}`
}

function integer(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined
}

function answerError(status: number, body: Record<string, unknown>): string {
  const what = [body.error, body.message].filter((x) => typeof x === 'string').join(': ')
  return `HTTP ${status}${what ? `: ${what.slice(0, 300)}` : ''}`
}
