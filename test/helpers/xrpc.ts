// A bare XRPC caller for tests that check statuses and error bodies exactly,
// and the plain-HTTP probes identity tests need.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type XrpcResponse = { status: number; body: Record<string, unknown> }

export async function xrpc(
  base: string,
  nsid: string,
  opts: {
    post?: boolean
    body?: unknown
    rawBody?: string
    params?: Record<string, string>
    auth?: string
    headers?: Record<string, string>
  } = {},
): Promise<XrpcResponse> {
  const url = new URL(`/xrpc/${nsid}`, base)
  for (const [k, v] of Object.entries(opts.params ?? {})) url.searchParams.set(k, v)
  const headers: Record<string, string> = { ...opts.headers }
  if (opts.auth) headers.authorization = opts.auth.includes(' ') ? opts.auth : `Bearer ${opts.auth}`
  const hasBody = opts.body !== undefined || opts.rawBody !== undefined
  if (hasBody) headers['content-type'] ??= 'application/json'
  const res = await fetch(url, {
    method: hasBody || opts.post ? 'POST' : 'GET',
    headers,
    body: opts.rawBody ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
  })
  const text = await res.text()
  let body: Record<string, unknown> = {}
  if (text) {
    try {
      body = JSON.parse(text)
    } catch {
      body = { raw: text }
    }
  }
  return { status: res.status, body }
}

/** GET with a Host header of our choosing (fetch() will not send one; node:http will), as a resolver reaching us through DNS would. */
export function getWithHost(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, base), { headers: { host } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d) => {
        body += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }))
    })
    req.on('error', reject)
  })
}

export type HostResponse = { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * A request with a Host header of our choosing and any method, headers and
 * body: as a client that resolved one of our PDS hosts' names reaches us.
 */
export function requestWithHost(
  base: string,
  path: string,
  host: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<HostResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(path, base),
      { method: opts.method ?? 'GET', headers: { ...opts.headers, host } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (d) => {
          body += d
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(opts.body)
  })
}

/** A URL where nothing listens: a port that was free a moment ago, closed again. */
export async function unusedLocalUrl(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}
