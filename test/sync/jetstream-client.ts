// Jetstream clients for tests, as a consumer would write them: over `ws`
// (one JSON text message per event) and over Server-Sent Events read from a
// plain fetch() body, parsed here (not with the code under test).
import WebSocket from 'ws'

export type JsonEvent = {
  did: string
  time_us: number
  kind: 'commit' | 'identity' | 'account'
  commit?: {
    rev: string
    operation: 'create' | 'update' | 'delete'
    collection: string
    rkey: string
    record?: Record<string, unknown>
    cid?: string
  }
  identity?: { did: string; handle?: string; seq: number; time: string }
  account?: { active: boolean; did: string; seq: number; time: string; status?: string }
}

/** Query parameters, repeatable as Jetstream's are. */
export type Params = [string, string][]

export function subscribeUrl(base: string, params: Params = [], scheme: 'http' | 'ws' = 'http'): URL {
  const url = new URL('/subscribe', scheme === 'ws' ? base.replace(/^http/, 'ws') : base)
  for (const [k, v] of params) url.searchParams.append(k, v)
  return url
}

abstract class JsonStreamClient {
  readonly events: JsonEvent[] = []
  closed = false
  private waiters: (() => void)[] = []

  /** Resolves once `predicate` holds for the events received (or rejects when the stream ends first). */
  async until(predicate: (events: JsonEvent[]) => boolean, what = 'events'): Promise<void> {
    while (!predicate(this.events)) {
      if (this.closed) throw new Error(`stream closed before ${what}`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  /** Resolves once an event with this time_us (or a later one) has arrived. */
  reached(timeUs: number): Promise<void> {
    return this.until((evs) => evs.some((e) => e.time_us >= timeUs), `time_us ${timeUs}`)
  }

  protected received(ev: JsonEvent): void {
    this.events.push(ev)
    this.notify()
  }

  protected ended(): void {
    this.closed = true
    this.notify()
  }

  protected notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

export class JetstreamWsClient extends JsonStreamClient {
  readonly ws: WebSocket
  /** Whether every message came as text, as Jetstream sends them. */
  allText = true

  constructor(base: string, params: Params = []) {
    super()
    this.ws = new WebSocket(subscribeUrl(base, params, 'ws'))
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.allText = false
      this.received(JSON.parse(data.toString('utf8')))
    })
    this.ws.on('close', () => this.ended())
    this.ws.on('error', () => this.ended())
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve()
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
  }

  close(): void {
    this.ws.terminate()
  }
}

export class JetstreamSseClient extends JsonStreamClient {
  /** The `id:` of each event, in order. */
  readonly ids: string[] = []
  readonly comments: string[] = []
  readonly errors: string[] = []
  private readonly abort = new AbortController()
  private readonly response: Promise<Response>

  constructor(base: string, params: Params = [], headers: Record<string, string> = {}) {
    super()
    this.response = fetch(subscribeUrl(base, params), { headers, signal: this.abort.signal })
    this.response.then((res) => this.read(res)).catch(() => this.ended())
  }

  /** Resolves with the response once its headers are in: the stream is open, or refused. */
  opened(): Promise<Response> {
    return this.response
  }

  close(): void {
    this.abort.abort()
  }

  private async read(res: Response): Promise<void> {
    if (res.status !== 200 || !res.body) return this.ended()
    const decoder = new TextDecoder()
    let buffer = ''
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true })
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        this.dispatch(buffer.slice(0, end))
        buffer = buffer.slice(end + 2)
      }
    }
    this.ended()
  }

  private dispatch(block: string): void {
    const fields = { id: '', data: '', event: 'message' }
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments.push(line.slice(1).trim())
        this.notify()
        continue
      }
      const colon = line.indexOf(':')
      const name = line.slice(0, colon) as keyof typeof fields
      if (name in fields) fields[name] = line.slice(colon + 1).replace(/^ /, '')
    }
    if (fields.event === 'error') {
      this.errors.push(fields.data)
      this.notify()
    } else if (fields.data) {
      this.ids.push(fields.id)
      this.received(JSON.parse(fields.data))
    }
  }
}
