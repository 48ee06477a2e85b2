// One POST of a delivery to a receiver: JSON with its signature headers,
// within a time limit, no redirect followed (a 3xx is a failure like any
// other non-2xx), the answer's body read no further than a small cap. Unless
// the operator allows private networks, only https: to public addresses: a
// literal address is checked here, a name at connect time by the lookup, so a
// name that came to resolve privately after the webhook was made is refused.
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { isPublicAddress, publicOnlyLookup } from '../../proxy/public-address.js'
import { hostOf } from './webhook-address.js'

/** The most of an answer's body read before the connection is dropped: nothing in it is used. */
const ANSWER_BODY_CAP = 4096

/**
 * How an attempt ended: the HTTP status, when one came back; an error, when it
 * failed; `aborted` when it was cut short on our side (a stop), which is no
 * attempt at all.
 */
export type PostResult = { ok: boolean; status?: number; error?: string; aborted?: boolean }

export class WebhookPoster {
  private readonly agents: { http: http.Agent; https: https.Agent }

  constructor(private readonly opts: { timeoutMs: number; allowPrivateNetwork: boolean }) {
    const lookup = opts.allowPrivateNetwork ? undefined : publicOnlyLookup
    this.agents = {
      http: new http.Agent({ keepAlive: true, lookup }),
      https: new https.Agent({ keepAlive: true, lookup }),
    }
  }

  post(url: URL, body: string, headers: Record<string, string>, signal?: AbortSignal): Promise<PostResult> {
    const refused = this.refusal(url)
    if (refused) return Promise.resolve({ ok: false, error: refused })
    const transport = url.protocol === 'https:' ? https : http
    const agent = url.protocol === 'https:' ? this.agents.https : this.agents.http
    return new Promise((resolve) => {
      let settled = false
      const settle = (result: PostResult) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(result)
      }
      const req = transport.request(url, {
        method: 'POST',
        agent,
        signal,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
      })
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.opts.timeoutMs} ms`)),
        this.opts.timeoutMs,
      )
      req.on('error', (err) =>
        settle(signal?.aborted ? { ok: false, aborted: true } : { ok: false, error: describe(err) }),
      )
      req.on('response', (res) => {
        const status = res.statusCode ?? 0
        const result: PostResult = { ok: status >= 200 && status < 300, status }
        if (!result.ok) result.error = `HTTP ${status}`
        let read = 0
        res.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > ANSWER_BODY_CAP) {
            res.destroy()
            settle(result)
          }
        })
        res.on('end', () => settle(result))
        res.on('error', () => settle(result))
        res.on('close', () => settle(result))
      })
      req.end(body)
    })
  }

  close(): void {
    this.agents.http.destroy()
    this.agents.https.destroy()
  }

  /** Why `url` may not be sent to now, if it may not. */
  private refusal(url: URL): string | undefined {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `unsupported scheme ${url.protocol}`
    if (this.opts.allowPrivateNetwork) return undefined
    if (url.protocol !== 'https:') return 'http: is not allowed (https: only)'
    const host = hostOf(url)
    if (isIP(host) !== 0 && !isPublicAddress(host)) return `${host} is not a public address`
    return undefined
  }
}

function describe(err: Error): string {
  const code = (err as NodeJS.ErrnoException).code
  return (code ? `${code}: ${err.message}` : err.message).slice(0, 512)
}
