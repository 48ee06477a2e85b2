// The PDS hosts this server is on the network: the service host (the
// serviceURL's) and each domain's own (its `pds_hostname`). A host has the
// endpoint its accounts' DID documents name, the name relays know it by
// (host[:port], what requestCrawl sends and getHostStatus asks about), a
// did:web of its own, the domains it serves, and the pace of its firehose.
//
// A domain's host takes the service URL's scheme and port: https://<host> in
// production, http://<host>:<port> on a test machine.
import type { TenantRegistry } from '../storage/management/tenant-registry.js'

export type PdsHost = {
  /** The domains' `pds_hostname` (lower case, no port); null for the service host. */
  host: string | null
  /** host[:port] of its endpoint: how relays know it. */
  hostname: string
  /** What its accounts' DID documents name as their PDS. */
  endpoint: string
  /** Its own did:web. */
  did: string
  /** The active domains it serves (the service host: those with no host of their own). */
  domains: string[]
  /** The most events per second its firehose sends a subscriber (0: no ceiling). */
  eventsPerSecond: number
}

export type PdsHostsOptions = {
  registry: TenantRegistry
  serviceURL: string
  /** firehose.hostEventsPerSecond: every host's pace unless its domain sets one. */
  defaultEventsPerSecond: number
  /** How long a read of the domains is used before it is read again (changes in this process forget it at once). */
  cacheMs: number
}

/** How often a Host header not among the cached hosts makes the hosts be read again. */
const MISS_REREAD_MS = 250

export class PdsHosts {
  private readonly service: URL
  private cached?: { at: number; hosts: Promise<PdsHost[]> }

  constructor(private readonly opts: PdsHostsOptions) {
    this.service = new URL(opts.serviceURL)
  }

  /** The service host as relays know it (host[:port]). */
  get serviceHostname(): string {
    return this.service.host
  }

  /** The endpoint of a host (null: the service URL as configured). */
  endpointOf(host: string | null): string {
    if (host === null) return this.opts.serviceURL
    const port = this.service.port ? `:${this.service.port}` : ''
    return `${this.service.protocol}//${host}${port}`
  }

  /** How relays know a host: host[:port] of its endpoint. */
  hostnameOf(host: string | null): string {
    return new URL(this.endpointOf(host)).host
  }

  /** The did:web of a host (did:web encodes a port's colon as %3A). */
  didOf(host: string | null): string {
    return `did:web:${this.hostnameOf(host).replace(':', '%3A')}`
  }

  /** The service host first, then every host a domain names or an account is still on, by name. */
  list(): Promise<PdsHost[]> {
    return this.readOlderThan(this.opts.cacheMs)
  }

  /**
   * The hosts as read at most `maxAgeMs` ago (a read under way counts as
   * new). A name missing from the cached list is looked for again in a fresh
   * one: another process may have just given a domain that host, and taking
   * it for none of ours would serve the wrong stream, or take our own switch
   * for a departure.
   */
  private readOlderThan(maxAgeMs: number): Promise<PdsHost[]> {
    const now = Date.now()
    if (!this.cached || now - this.cached.at > maxAgeMs) {
      const hosts = this.read()
      this.cached = { at: now, hosts }
      // A failed read is not kept.
      hosts.catch(() => {
        if (this.cached?.hosts === hosts) this.cached = undefined
      })
    }
    return this.cached.hosts
  }

  /** The host `host` names (null: the service host); undefined when it is not one of ours now. */
  async get(host: string | null): Promise<PdsHost | undefined> {
    return (await this.list()).find((h) => h.host === host)
  }

  /**
   * The host a request was sent to, by its Host header's name (no port):
   * a domain's own host when it names one, else the service host.
   */
  async forRequest(hostname: string | undefined): Promise<PdsHost> {
    // A request without a Host header (HTTP/1.0) has none: the service host.
    const name = (hostname ?? '').toLowerCase().replace(/\.$/, '')
    const find = (hosts: PdsHost[]) => hosts.find((h) => h.host !== null && h.host === name)
    const hosts = await this.list()
    if (find(hosts) || name === this.service.hostname) return find(hosts) ?? (hosts[0] as PdsHost)
    // Not ours as this process last read: read again, at most every MISS_REREAD_MS (other names,
    // a tenant's own or a handle's, come here too).
    const fresh = await this.readOlderThan(MISS_REREAD_MS)
    return find(fresh) ?? (fresh[0] as PdsHost)
  }

  /** Whether `endpoint` (a DID document's PDS endpoint) is one of this server's hosts (read again before a no). */
  async isOurs(endpoint: string | undefined): Promise<boolean> {
    if (endpoint === undefined) return false
    if (endpoint === this.opts.serviceURL) return true
    if ((await this.list()).some((h) => h.endpoint === endpoint)) return true
    return (await this.readOlderThan(0)).some((h) => h.endpoint === endpoint)
  }

  /** Forgets the cached hosts: a domain's host changed in this process. */
  forget(): void {
    this.cached = undefined
  }

  private async read(): Promise<PdsHost[]> {
    const [domains, inUse] = await Promise.all([this.opts.registry.listDomains(), this.opts.registry.hostsInUse()])
    const active = domains.filter((d) => d.status === 'active')
    const names = [...new Set([...inUse, ...active.flatMap((d) => (d.pds_hostname ? [d.pds_hostname] : []))])].sort()
    const hostOf = (host: string | null): PdsHost => {
      const served = active.filter((d) => d.pds_hostname === host)
      const paces = served.map((d) => d.firehose_events_per_second).filter((n): n is number => n !== null && n > 0)
      return {
        host,
        hostname: this.hostnameOf(host),
        endpoint: this.endpointOf(host),
        did: this.didOf(host),
        domains: served.map((d) => d.name),
        eventsPerSecond: host !== null && paces.length > 0 ? Math.min(...paces) : this.opts.defaultEventsPerSecond,
      }
    }
    return [hostOf(null), ...names.map(hostOf)]
  }
}
