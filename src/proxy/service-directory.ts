// Which service a call we do not answer goes to, and where it answers: the
// service an atproto-proxy header names (`<did>#<serviceId>`, its endpoint
// read from the DID document), else the one configured for the method's
// namespace. The configured services are known without a DID lookup.
import { getServiceEndpoint } from '@atproto/common-web'
import {
  type DidResolver,
  PoorlyFormattedDidDocumentError,
  PoorlyFormattedDidError,
  UnsupportedDidMethodError,
  UnsupportedDidWebPathError,
} from '@atproto/identity'
import { InvalidRequestError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { ServiceEndpointConfig } from '../config/config.js'

/** A service as an atproto-proxy header names it. */
export type ServiceRef = { did: string; serviceId: string }

/** A service and where it answers; `configured` when the operator named it, so its address is trusted as written. */
export type ResolvedService = ServiceRef & { url: string; configured: boolean }

export type ServiceDirectoryDeps = {
  appView: ServiceEndpointConfig | null
  chat: ServiceEndpointConfig | null
  moderation: ServiceEndpointConfig | null
  /** did:plc and did:web documents, cached: the identity layer's resolver, shared (context.ts). */
  resolver: DidResolver
}

/** The service ids the default services are named by, in DID documents and headers. */
const APP_VIEW_ID = 'bsky_appview'
const CHAT_ID = 'bsky_chat'
const LABELER_ID = 'atproto_labeler'

export class ServiceDirectory {
  /** `did#serviceId` of each configured service, to its URL. */
  private readonly configured = new Map<string, string>()

  constructor(private readonly deps: ServiceDirectoryDeps) {
    const known: [ServiceEndpointConfig | null, string][] = [
      [deps.appView, APP_VIEW_ID],
      [deps.chat, CHAT_ID],
      [deps.moderation, LABELER_ID],
    ]
    for (const [service, id] of known) if (service) this.configured.set(`${service.did}#${id}`, service.url)
  }

  /** The configured service for `nsid` when a call names none; undefined when there is none (or it is off). */
  defaultFor(nsid: string): ServiceRef | undefined {
    const { appView, chat, moderation } = this.deps
    if (nsid.startsWith('app.bsky.')) return appView ? { did: appView.did, serviceId: APP_VIEW_ID } : undefined
    if (nsid.startsWith('chat.bsky.')) return chat ? { did: chat.did, serviceId: CHAT_ID } : undefined
    if (nsid === 'com.atproto.moderation.createReport') {
      return moderation ? { did: moderation.did, serviceId: LABELER_ID } : undefined
    }
    return undefined
  }

  /** The configured AppView, where the records a call needs (a feed's generator) are read; undefined when off. */
  appView(): ResolvedService | undefined {
    const { appView } = this.deps
    return appView ? { did: appView.did, serviceId: APP_VIEW_ID, url: appView.url, configured: true } : undefined
  }

  /** Where `ref` answers: 400 when its DID or its service cannot be found, as the official PDS answers. */
  async resolve(ref: ServiceRef): Promise<ResolvedService> {
    const configured = this.configured.get(`${ref.did}#${ref.serviceId}`)
    if (configured) return { ...ref, url: configured, configured: true }
    let doc: Awaited<ReturnType<DidResolver['resolve']>>
    try {
      doc = await this.deps.resolver.resolve(ref.did)
    } catch (err) {
      if (isRefusedDid(err)) throw new InvalidRequestError('could not resolve proxy did', undefined, { cause: err })
      // The DID may be fine and its directory or host down: the service is out of reach, not the call wrong.
      throw new XRPCError(
        ResponseType.UpstreamFailure,
        'could not resolve proxy did: its DID document did not load',
        undefined,
        {
          cause: err,
        },
      )
    }
    if (!doc) throw new InvalidRequestError('could not resolve proxy did')
    const url = getServiceEndpoint(doc, { id: `#${ref.serviceId}` })
    if (!url) throw new InvalidRequestError('could not resolve proxy did service url')
    return { ...ref, url, configured: false }
  }
}

/** An atproto-proxy header's service, refused with the official PDS's 400s when malformed. */
export function parseProxyHeader(value: string): ServiceRef {
  const hash = value.indexOf('#')
  if (hash === 0) throw new InvalidRequestError('no did specified in proxy header')
  if (hash === -1 || hash === value.length - 1) throw new InvalidRequestError('no service id specified in proxy header')
  if (value.indexOf('#', hash + 1) !== -1) throw new InvalidRequestError('invalid proxy header format')
  if (value.includes(' ')) throw new InvalidRequestError('proxy header cannot contain spaces')
  const did = value.slice(0, hash)
  if (!/^did:[a-z]+:[a-zA-Z0-9._:%-]+$/.test(did)) throw new InvalidRequestError('invalid proxy header format')
  return { did, serviceId: value.slice(hash + 1) }
}

/** The identity package's refusals of the DID or its document themselves, as opposed to a lookup that failed. */
function isRefusedDid(err: unknown): boolean {
  return (
    err instanceof PoorlyFormattedDidError ||
    err instanceof UnsupportedDidMethodError ||
    err instanceof UnsupportedDidWebPathError ||
    err instanceof PoorlyFormattedDidDocumentError
  )
}
