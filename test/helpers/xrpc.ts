// A bare XRPC caller for tests that check statuses and error bodies exactly.
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
