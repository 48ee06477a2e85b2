// Forwarding a call we do not answer ourselves to the service that does
// (the AppView, chat, a labeler), as the official PDS forwards it: to the
// service its atproto-proxy header names or the configured default, with a
// service-auth token of the calling account, the caller's headers that the
// service reads, and its body as it arrives.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { feedGeneratorDid, GET_FEED, GET_FEED_SKELETON } from './feed-generator.js'
import type { ServiceAuth } from './service-auth.js'
import { parseProxyHeader, type ResolvedService, type ServiceDirectory, type ServiceRef } from './service-directory.js'
import type { UpstreamAnswer, UpstreamClient } from './upstream.js'

export type ProxyCall = {
  nsid: string
  service: ServiceRef
  /** The caller, whose key signs the token the service gets. */
  account: LocatedAccount
  method: 'GET' | 'HEAD' | 'POST'
  /** The path and query string as the caller sent them. */
  path: string
  /** The caller's headers: only those a service reads are passed on. */
  headers: IncomingHttpHeaders
  body?: Readable
  signal?: AbortSignal
}

export type ServiceProxyDeps = {
  directory: ServiceDirectory
  serviceAuth: ServiceAuth
  upstream: UpstreamClient
  /** Largest answer read whole from a service (a feed generator's record): the largest record we keep. */
  maxRecordBytes: number
}

export class ServiceProxy {
  constructor(private readonly deps: ServiceProxyDeps) {}

  /**
   * The service a call of `nsid` goes to: the one `header` (atproto-proxy)
   * names, else the configured default; undefined when there is none. A
   * malformed header is a 400.
   */
  serviceFor(nsid: string, header: string | undefined): ServiceRef | undefined {
    if (header) return parseProxyHeader(header)
    return this.deps.directory.defaultFor(nsid)
  }

  /** The service's 2xx answer, to stream on; its error answer, or a 502 when it cannot be reached, as an error. */
  async forward(call: ProxyCall): Promise<UpstreamAnswer> {
    const service = await this.deps.directory.resolve(call.service)
    const { aud, lxm } = await this.tokenFor(call, service)
    const jwt = await this.deps.serviceAuth.mint(call.account, aud, lxm)
    return this.deps.upstream.send({
      url: serviceUrl(service.url, call.path),
      guarded: !service.configured,
      method: call.method,
      headers: { ...forwardedHeaders(call.headers, call.body !== undefined), authorization: `Bearer ${jwt}` },
      body: call.body,
      signal: call.signal,
    })
  }

  /**
   * Whom the call's token is for. The service (the bare DID, as the official
   * PDS's tokens name it: services check aud against their own DID) and the
   * method; but a feed's is for its generator, which the AppView passes it on
   * to, when there is an AppView to read the generator from (feed-generator.ts).
   */
  private async tokenFor(call: ProxyCall, service: ResolvedService): Promise<{ aud: string; lxm: string }> {
    const appView = this.deps.directory.appView()
    if (call.nsid !== GET_FEED || !appView) return { aud: service.did, lxm: call.nsid }
    const generator = await feedGeneratorDid(this.deps.upstream, appView, call.path, {
      maxBytes: this.deps.maxRecordBytes,
      signal: call.signal,
    })
    return { aud: generator, lxm: GET_FEED_SKELETON }
  }

  close(): void {
    this.deps.upstream.close()
  }
}

/**
 * The caller's path and query at the service's origin. Set part by part: a
 * request target in absolute form, or a path starting `//`, must not get to
 * choose the host.
 */
function serviceUrl(endpoint: string, path: string): URL {
  const asked = new URL(path, 'http://localhost')
  const url = new URL(new URL(endpoint).origin)
  url.pathname = asked.pathname
  url.search = asked.search
  return url
}

/** What the official PDS passes on of a caller's headers: languages, labelers, topics, and the body's description. */
function forwardedHeaders(headers: IncomingHttpHeaders, withBody: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {
    // Passed on as asked: the answer's encoding goes back to the caller untouched.
    'accept-encoding': headers['accept-encoding'] || 'identity',
  }
  for (const name of ['accept-language', 'atproto-accept-labelers', 'x-bsky-topics']) {
    if (headers[name] !== undefined) out[name] = headers[name]
  }
  if (withBody) {
    for (const name of ['content-type', 'content-encoding', 'content-length']) {
      if (headers[name] !== undefined) out[name] = headers[name]
    }
  }
  return out
}
