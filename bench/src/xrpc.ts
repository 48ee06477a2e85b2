// A minimal XRPC client on plain fetch: the bench shares the machine with the
// servers, so the client does as little work per call as it can.

export class XrpcError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${method}: HTTP ${status} ${body.slice(0, 300)}`)
  }
}

export type CallOptions = {
  params?: Record<string, string | number | boolean | undefined>
  body?: unknown
  token?: string
}

/** Calls a query (no body) or procedure (with body) and returns its JSON; non-2xx throws XrpcError. */
export async function xrpc<T = Record<string, unknown>>(
  base: string,
  method: string,
  opts: CallOptions = {},
): Promise<T> {
  const res = await fetch(xrpcUrl(base, method, opts.params), {
    method: opts.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  if (!res.ok) throw new XrpcError(method, res.status, text)
  return (text ? JSON.parse(text) : {}) as T
}

/** Streams a response to the end, counting its bytes without keeping them. */
export async function xrpcBytes(base: string, method: string, params: CallOptions['params']): Promise<number> {
  const res = await fetch(xrpcUrl(base, method, params))
  if (!res.ok) throw new XrpcError(method, res.status, await res.text())
  let bytes = 0
  for await (const chunk of res.body ?? []) bytes += (chunk as Uint8Array).byteLength
  return bytes
}

export function xrpcUrl(base: string, method: string, params: CallOptions['params'] = {}): string {
  const url = new URL(`/xrpc/${method}`, base)
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, String(v))
  return url.toString()
}

/** The result of a write: the commit's rev is what the firehose frame is matched by. */
export type WriteOutput = { uri: string; cid: string; commit: { cid: string; rev: string } }

/** One app.bsky.feed.post, valid on both servers. */
export function post(text: string): { $type: string; text: string; createdAt: string } {
  return { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() }
}

export function createPost(base: string, did: string, token: string, text: string): Promise<WriteOutput> {
  return xrpc<WriteOutput>(base, 'com.atproto.repo.createRecord', {
    token,
    body: { repo: did, collection: 'app.bsky.feed.post', record: post(text) },
  })
}
