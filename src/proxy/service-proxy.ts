// Forwarding a call we do not answer ourselves to the service that does
// (the AppView, chat, a labeler), as the official PDS forwards it: to the
// service its atproto-proxy header names or the configured default, with a
// service-auth token of the calling account, the caller's headers that the
// service reads, and its body as it arrives.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http'
import type { Readable } from 'node:stream'
import { AtUri } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { ServiceAuth } from './service-auth.js'
import { parseProxyHeader, type ServiceDirectory, type ServiceRef } from './service-directory.js'
import { readJson, type UpstreamAnswer, type UpstreamClient, upstreamFailure } from './upstream.js'

/** A feed's view is the AppView's, but its posts are the feed generator's, which gets the token. */
const GET_FEED = 'app.bsky.feed.getFeed'
const GET_FEED_SKELETON = 'app.bsky.feed.getFeedSkeleton'
/** Far more than a feed generator record (its description is at most 3000 bytes). */
const FEED_RECORD_BYTES = 64 * 1024

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
    // The token names the bare DID, as the official PDS's do: services check aud against their own DID.
    const { aud, lxm } =
      call.nsid === GET_FEED && this.deps.directory.appView()
        ? await this.feedAudience(call)
        : { aud: service.did, lxm: call.nsid }
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

  close(): void {
    this.deps.upstream.close()
  }

  /**
   * Who a getFeed call's token is for, as the official PDS mints it: the feed
   * generator the feed record names (read from the configured AppView), for
   * getFeedSkeleton, so the AppView can pass it on to the generator, which
   * learns who is asking. Only with a configured AppView to read it from.
   */
  private async feedAudience(call: ProxyCall): Promise<{ aud: string; lxm: string }> {
    const appView = this.deps.directory.appView()
    if (!appView) throw new Error('no AppView to read the feed record from')
    const feed = new URL(call.path, 'http://localhost').searchParams.get('feed')
    let uri: AtUri
    try {
      uri = new AtUri(feed ?? '')
    } catch {
      throw new InvalidRequestError('Error: feed must be a valid at-uri')
    }
    const url = new URL('/xrpc/com.atproto.repo.getRecord', appView.url)
    url.search = new URLSearchParams({ repo: uri.host, collection: uri.collection, rkey: uri.rkey }).toString()
    const answer = await this.deps.upstream.send({
      url,
      guarded: false,
      method: 'GET',
      headers: { accept: 'application/json' },
      signal: call.signal,
    })
    const record = await readJson(answer.body, FEED_RECORD_BYTES).catch((err: unknown) => {
      throw upstreamFailure('The feed record could not be read', err)
    })
    const value = record?.value as Record<string, unknown> | undefined
    const did = value?.did
    if (typeof did !== 'string') throw new InvalidRequestError('could not resolve feed did', 'UnknownFeed')
    return { aud: did, lxm: GET_FEED_SKELETON }
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
