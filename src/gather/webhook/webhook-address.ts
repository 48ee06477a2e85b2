// Where a webhook may send: http(s) only; unless the operator allows private
// networks (a test network, a receiver beside the server), https: only and a
// host whose every address is public, so no one can aim our deliveries at
// this machine, its private network or a cloud metadata address. Checked when
// a webhook is made; delivery checks the addresses it connects to again
// (webhook-delivery.ts), since a name may come to resolve elsewhere.
import dns from 'node:dns/promises'
import { isIP } from 'node:net'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { isPublicAddress } from '../../proxy/public-address.js'

/** How long the check of a webhook's host may wait for DNS. */
const LOOKUP_TIMEOUT_MS = 5000

function forbidden(message: string): InvalidRequestError {
  return new InvalidRequestError(message, 'ForbiddenAddress')
}

/** The URL a webhook is made with, checked; ForbiddenAddress when it points where it may not. */
export async function checkWebhookUrl(raw: string, allowPrivateNetwork: boolean): Promise<URL> {
  const url = URL.parse(raw)
  if (!url) throw new InvalidRequestError('url is not a URL')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidRequestError(`A webhook's url must be https: (got ${url.protocol.slice(0, 32)})`)
  }
  if (allowPrivateNetwork) return url
  const literal = hostOf(url)
  if (isIP(literal) !== 0) {
    if (!isPublicAddress(literal)) throw forbidden(`${literal} is not a public address`)
  } else {
    const addresses = await lookupAll(literal)
    const refused = addresses.find((a) => !isPublicAddress(a))
    if (refused !== undefined) throw forbidden(`${literal} does not resolve to public addresses only`)
  }
  if (url.protocol !== 'https:') throw forbidden('A webhook must be at an https: URL')
  return url
}

/** The URL's host as an address or a name, without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

async function lookupAll(hostname: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined
  try {
    const found = await Promise.race([
      dns.lookup(hostname, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), LOOKUP_TIMEOUT_MS)
      }),
    ])
    if (found.length === 0) throw new Error('no addresses')
    return found.map((a) => a.address)
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))
    throw new InvalidRequestError(`${hostname.slice(0, 253)} could not be resolved (${why})`)
  } finally {
    clearTimeout(timer)
  }
}
