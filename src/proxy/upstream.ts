// Calls to another service, streamed both ways: the caller's body goes out
// as it arrives (counted against a limit), and the service's answer comes
// back as a stream for the face to pipe on, never held whole. An answer that
// is an error is read (a little of it) for its XRPC name and message, which
// the caller gets as the error; a service that cannot be reached or is too
// slow is a 502 UpstreamFailure.
import http from 'node:http'
import https from 'node:https'
import { isIP } from 'node:net'
import { type Readable, Transform, type TransformCallback } from 'node:stream'
import zlib from 'node:zlib'
import { ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { ProxyConfig } from '../config/config.js'
import { isPublicAddress, publicOnlyLookup } from './public-address.js'

export type UpstreamCall = {
  url: URL
  /** A service a DID document named, not the operator: only https: on public addresses (unless allowPrivateNetwork). */
  guarded: boolean
  method: 'GET' | 'HEAD' | 'POST'
  headers: http.OutgoingHttpHeaders
  body?: Readable
  /** Aborted when the caller is gone: the call to the service ends with it. */
  signal?: AbortSignal
}

/** A service's successful answer: its status, the headers passed on, and its body still to be read. */
export type UpstreamAnswer = { status: number; headers: Record<string, string>; body: http.IncomingMessage }

/** A service's error answer, as the protocol error it is passed on as, with the headers that go with it. */
export class UpstreamError extends XRPCError {
  constructor(
    status: number,
    message: string | undefined,
    error: string | undefined,
    readonly headers: Record<string, string>,
  ) {
    super(status, message, error)
  }
}

/** The service could not be reached, or failed to answer in time. */
export function upstreamFailure(message: string, cause?: unknown): XRPCError {
  return new XRPCError(ResponseType.UpstreamFailure, message, 'UpstreamFailure', { cause })
}

/** Headers of a service's answer that reach the client, as the official PDS passes them on. */
const CONTENT_HEADERS = ['content-length', 'content-encoding', 'content-type', 'content-language']
const PROTOCOL_HEADERS = ['atproto-repo-rev', 'atproto-content-labelers', 'retry-after']

/** Enough of an error answer to hold any XRPC error's name and message. */
const ERROR_BODY_BYTES = 64 * 1024

export class UpstreamClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true })
  private readonly httpsAgent = new https.Agent({ keepAlive: true })
  private readonly publicHttpsAgent = new https.Agent({ keepAlive: true, lookup: publicOnlyLookup })

  constructor(
    private readonly config: ProxyConfig,
    /** Largest request body passed on; past it, 413 PayloadTooLarge. */
    private readonly maxBodyBytes: number,
  ) {}

  /** Sends `call`; resolves with a 2xx answer, rejects with an UpstreamError for an error answer or a 502. */
  send(call: UpstreamCall): Promise<UpstreamAnswer> {
    const agent = this.agentFor(call)
    const transport = call.url.protocol === 'https:' ? https : http
    const { headersTimeoutMs, bodyTimeoutMs } = this.config
    return new Promise((resolve, reject) => {
      let settled = false
      let headersTimer: NodeJS.Timeout | undefined
      const settle = (fn: () => void) => {
        if (settled) return
        settled = true
        clearTimeout(headersTimer)
        fn()
      }
      // The socket's idle timeout covers a stalled body, ours or the service's, once headers are in.
      const out = transport.request(call.url, {
        method: call.method,
        headers: call.headers,
        agent,
        timeout: bodyTimeoutMs,
        signal: call.signal,
      })
      headersTimer = setTimeout(
        () => out.destroy(upstreamFailure(`Upstream service did not answer within ${headersTimeoutMs} ms`)),
        headersTimeoutMs,
      )
      out.on('timeout', () => out.destroy(upstreamFailure(`Upstream service stalled for ${bodyTimeoutMs} ms`)))
      out.on('error', (err) =>
        settle(() => reject(err instanceof XRPCError ? err : upstreamFailure('Upstream service unreachable', err))),
      )
      out.on('response', (res) => {
        if (settled) {
          res.destroy()
          return
        }
        settle(() => answer(res).then(resolve, reject))
      })
      if (!call.body) {
        out.end()
        return
      }
      // pipe, not pipeline: a body refused here must leave the client's request (and its socket) alive for the 413.
      const body = call.body
      const limit = new ByteLimit(this.maxBodyBytes)
      const stop = (err: XRPCError) => {
        body.unpipe(limit)
        out.destroy()
        settle(() => reject(err))
      }
      limit.on('error', (err) => stop(err instanceof XRPCError ? err : upstreamFailure('Request body failed', err)))
      body.on('error', (err) => stop(upstreamFailure('Request body could not be read', err)))
      out.on('error', () => body.unpipe(limit))
      body.pipe(limit).pipe(out)
    })
  }

  close(): void {
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
    this.publicHttpsAgent.destroy()
  }

  private agentFor(call: UpstreamCall): http.Agent {
    const { protocol, hostname } = call.url
    if (protocol !== 'https:' && protocol !== 'http:')
      throw upstreamFailure(`Unsupported service URL scheme ${protocol}`)
    if (!call.guarded || this.config.allowPrivateNetwork)
      return protocol === 'https:' ? this.httpsAgent : this.httpAgent
    if (protocol !== 'https:') throw upstreamFailure('A service named by a DID document must be at an https: URL')
    // An address written in the URL is not looked up, so the lookup's check never sees it.
    const literal = hostname.replace(/^\[(.*)\]$/, '$1')
    if (isIP(literal) !== 0 && !isPublicAddress(literal)) {
      throw upstreamFailure('A service named by a DID document must be at a public address')
    }
    return this.publicHttpsAgent
  }
}

/** A 2xx answer as it is passed on; anything else read into the error it is answered with. */
async function answer(res: http.IncomingMessage): Promise<UpstreamAnswer> {
  const status = res.statusCode ?? 0
  if (status >= 200 && status < 300)
    return { status, headers: pick(res, [...CONTENT_HEADERS, ...PROTOCOL_HEADERS]), body: res }
  const headers = pick(res, PROTOCOL_HEADERS)
  if (status < 400) {
    res.resume()
    throw upstreamFailure(`Upstream service answered with HTTP ${status}`)
  }
  const parsed = await readError(res)
  // A service's own failure is ours to report as a bad gateway, as the official PDS reports it.
  const type = status === 500 ? ResponseType.UpstreamFailure : status
  throw new UpstreamError(type, parsed.message, parsed.error ?? ResponseType[type] ?? 'UpstreamFailure', headers)
}

function pick(res: http.IncomingMessage, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {}
  for (const name of names) {
    const value = res.headers[name]
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(',') : value
  }
  return picked
}

/** The XRPC error name and message of an error answer, when it is (a little) JSON; else nothing. */
async function readError(res: http.IncomingMessage): Promise<{ error?: string; message?: string }> {
  try {
    const body = await readJson(res, ERROR_BODY_BYTES)
    return {
      error: typeof body?.error === 'string' ? body.error : undefined,
      message: typeof body?.message === 'string' ? body.message : undefined,
    }
  } catch {
    // An error answer we cannot read still has its status.
    return {}
  }
}

/**
 * A JSON answer's body, read whole when it is at most `maxBytes` (and decodes
 * to at most 16 times that); rejects when it is not JSON, larger, or broken.
 */
export async function readJson(res: http.IncomingMessage, maxBytes: number): Promise<Record<string, unknown> | null> {
  const type = String(res.headers['content-type'] ?? '')
  if (!/application\/(?:[\w.+-]+\+)?json/i.test(type)) {
    res.resume()
    throw new Error(`not JSON but ${type || 'untyped'}`)
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of res) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      res.destroy()
      throw new Error(`larger than ${maxBytes} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  const body: unknown = JSON.parse(
    decodeBody(Buffer.concat(chunks), res.headers['content-encoding'], 16 * maxBytes).toString('utf8'),
  )
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null
}

/** A body in one content-encoding, decoded to at most `maxOutputLength` bytes (past it, or in another encoding, it throws). */
export function decodeBody(body: Buffer, encoding: string | undefined, maxOutputLength: number): Buffer {
  const opts = { maxOutputLength }
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(body, opts)
    case 'deflate':
      return zlib.inflateSync(body, opts)
    case 'br':
      return zlib.brotliDecompressSync(body, opts)
    case 'zstd':
      if (HAS_ZSTD) return zlib.zstdDecompressSync(body, opts)
      throw new Error('zstd is not supported by this Node')
    default:
      throw new Error(`unknown content encoding ${encoding}`)
  }
}

/** Node 22.15 and later decode zstd. */
const HAS_ZSTD = typeof zlib.zstdDecompressSync === 'function'
const DECODABLE = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity', ...(HAS_ZSTD ? ['zstd'] : [])])

/**
 * The encodings of a caller's accept-encoding that decodeBody reads, for an
 * answer we may have to read (others, zstd on an older Node say, would make
 * it pass through unread); `identity` when none is left.
 */
export function decodableEncodings(accept: string | string[] | undefined): string {
  const asked = (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).split(',')
  const kept = asked.filter((part) => {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const refused = params.some((p) => /^q=0(?:\.0*)?$/.test(p))
    return DECODABLE.has(name) && !refused
  })
  return kept.length > 0 ? kept.map((p) => p.trim()).join(', ') : 'identity'
}

/** Passes bytes through until there are more than `max`, then fails with 413. */
class ByteLimit extends Transform {
  private seen = 0

  constructor(private readonly max: number) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length
    if (this.seen > this.max) {
      done(
        new XRPCError(ResponseType.PayloadTooLarge, `Request body is larger than ${this.max} bytes`, 'PayloadTooLarge'),
      )
      return
    }
    done(null, chunk)
  }
}
