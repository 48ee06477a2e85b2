// One XRPC call over fetch: a query is a GET with its parameters in the query
// string, a procedure a POST with a JSON body. A refusal becomes an XrpcError
// carrying the server's error name, message and HTTP status.

export type QueryParams = Record<string, string | number | boolean | readonly (string | number)[] | undefined>

export type XrpcRequest = {
  type: 'query' | 'procedure'
  params?: QueryParams
  body?: unknown
  token?: string
  signal?: AbortSignal
}

/** An XRPC method's refusal (or a transport failure, as status 0 with error 'NetworkError'). */
export class XrpcError extends Error {
  readonly error: string
  readonly status: number

  constructor(status: number, error: string, message: string) {
    super(message || error)
    this.name = 'XrpcError'
    this.status = status
    this.error = error
  }
}

export function xrpcUrl(service: string, nsid: string, params: QueryParams = {}): URL {
  const url = new URL(`/xrpc/${nsid}`, service)
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue
    // Arrays go as the name repeated, as XRPC reads them.
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item))
  }
  return url
}

export async function xrpcCall(service: string, nsid: string, req: XrpcRequest): Promise<unknown> {
  const headers: Record<string, string> = {}
  if (req.token) headers.authorization = `Bearer ${req.token}`
  const hasBody = req.type === 'procedure' && req.body !== undefined
  if (hasBody) headers['content-type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(xrpcUrl(service, nsid, req.params), {
      method: req.type === 'query' ? 'GET' : 'POST',
      headers,
      body: hasBody ? JSON.stringify(req.body) : undefined,
      signal: req.signal,
    })
  } catch (err) {
    throw new XrpcError(0, 'NetworkError', `${nsid}: ${(err as Error).message}`)
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!res.ok) {
    const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown }
    throw new XrpcError(
      res.status,
      typeof error === 'string' ? error : `HTTP${res.status}`,
      typeof message === 'string' ? message : text.slice(0, 500) || res.statusText,
    )
  }
  return body
}
