// Handle → DID beyond our own accounts, the protocol's two ways: a DNS TXT
// record `_atproto.<handle>` holding `did=<did>`, then
// https://<handle>/.well-known/atproto-did. @atproto/identity's
// HandleResolver does both (in parallel, DNS preferred); this one asks the DNS
// servers of our config with a timeout, and in loopback-only mode fetches the
// well-known DID where the config says.
import { promises as dns } from 'node:dns'
import { HandleResolver } from '@atproto/identity'
import { isValidDid } from '@atproto/syntax'
import type { IdentityConfig } from '../config/config.js'

type Fetch = typeof globalThis.fetch

export class DnsHandleResolver extends HandleResolver {
  private readonly dns: dns.Resolver
  private readonly wellKnown?: { url: string; fetch: Fetch }

  /** `loopbackFetch`: the fetch of loopback-only mode, which alone may reach a configured well-known URL. */
  constructor(config: IdentityConfig, loopbackFetch?: Fetch) {
    // Without a fetch of ours, the library's own: https to public addresses only.
    super({ timeout: config.timeoutMs, fetch: loopbackFetch })
    this.dns = new dns.Resolver({ timeout: config.timeoutMs, tries: 2 })
    if (config.dnsServers.length > 0) this.dns.setServers(config.dnsServers)
    if (loopbackFetch) this.wellKnown = { url: config.handleWellKnownUrl, fetch: loopbackFetch }
  }

  /** The DID `handle` names, or undefined when neither way names exactly one valid DID. */
  override async resolve(handle: string): Promise<string | undefined> {
    const did = await super.resolve(handle)
    return did !== undefined && isValidDid(did) ? did : undefined
  }

  override async resolveDns(handle: string): Promise<string | undefined> {
    try {
      return this.parseDnsResult(await this.dns.resolveTxt(`_atproto.${handle}`))
    } catch {
      // NXDOMAIN, no TXT record, a server that does not answer: not found this way.
      return undefined
    }
  }

  override async resolveHttp(handle: string, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.wellKnown) return super.resolveHttp(handle, signal)
    const url = this.wellKnown.url.replaceAll('{handle}', encodeURIComponent(handle))
    const timeout = AbortSignal.timeout(this.timeout)
    try {
      const res = await this.wellKnown.fetch(url, {
        // A redirect could lead off this machine.
        redirect: 'error',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
      if (!res.ok) {
        await res.body?.cancel()
        return undefined
      }
      const did = (await res.text()).split('\n')[0]?.trim()
      return did?.startsWith('did:') ? did : undefined
    } catch {
      return undefined
    }
  }
}
