import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'

// A hostname as requestCrawl carries it: DNS labels, an optional port, no scheme or path.
const HOSTNAME =
  /^(?=.{1,253}(:|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/

/**
 * requestCrawl asks a crawling service to crawl a host. This PDS crawls no
 * one, but it will repeat its announcement of one of its own hosts (the
 * service host or a domain's) to its relays when asked about it (an operator
 * or relay may want that after an outage). Asking it to crawl another host is
 * refused rather than silently ignored, and it does not forward such
 * requests: relays forwarding to each other can loop.
 */
export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.sync.requestCrawl', async ({ input }) => {
    const hostname = input.body.hostname.trim().toLowerCase()
    if (!HOSTNAME.test(hostname)) {
      throw new InvalidRequestError('hostname must be a bare hostname, such as pds.example.com (no scheme or path)')
    }
    // With or without its port: host[:port] is how relays know it, the bare name how people write it.
    const ours = (await ctx.pdsHosts.list()).find((h) => {
      const known = h.hostname.toLowerCase()
      return hostname === known || hostname === known.replace(/:\d+$/, '')
    })
    if (!ours) {
      throw new InvalidRequestError(`This PDS does not crawl other hosts; send requestCrawl for ${hostname} to a relay`)
    }
    // Answered now: the relays are asked (and retried) in the background.
    void ctx.relays.announceHost(ours.hostname, 'requestCrawl received')
  })
}
