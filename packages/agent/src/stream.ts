// The server's JSON event stream (/subscribe, shaped as Jetstream's): one
// event per WebSocket text message, over Node's global WebSocket. Iterating
// yields events as they come; breaking out of the loop (or the signal)
// closes the socket; a socket that closes with an error ends the loop with it.

export type StreamOptions = {
  /** Commits to these collections only (NSIDs, or prefixes ending in .*). */
  wantedCollections?: string[]
  /** Events of these accounts only. */
  wantedDids?: string[]
  /** Resume after this time_us. */
  cursor?: number
  signal?: AbortSignal
}

export type StreamEvent = {
  did: string
  time_us: number
  kind: 'commit' | 'identity' | 'account' | (string & {})
  commit?: {
    rev: string
    operation: 'create' | 'update' | 'delete'
    collection: string
    rkey: string
    record?: { [key: string]: unknown }
    cid?: string
  }
  identity?: { did: string; handle?: string; seq: number; time: string }
  account?: { did: string; active: boolean; status?: string; seq: number; time: string }
}

/** Events that arrived and were not yet taken, past which the stream is closed rather than held in memory. */
const MAX_BUFFERED = 10_000

export function streamUrl(service: string, opts: StreamOptions): URL {
  const url = new URL('/subscribe', service)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  for (const c of opts.wantedCollections ?? []) url.searchParams.append('wantedCollections', c)
  for (const d of opts.wantedDids ?? []) url.searchParams.append('wantedDids', d)
  if (opts.cursor !== undefined) url.searchParams.set('cursor', String(opts.cursor))
  return url
}

export async function* subscribeEvents(service: string, opts: StreamOptions = {}): AsyncGenerator<StreamEvent> {
  const socket = new WebSocket(streamUrl(service, opts))
  const buffered: StreamEvent[] = []
  let ended: { error?: Error } | undefined
  let wake: (() => void) | undefined
  const notify = () => {
    wake?.()
    wake = undefined
  }
  const end = (error?: Error) => {
    ended ??= { error }
    notify()
  }
  socket.addEventListener('message', (msg) => {
    if (typeof msg.data !== 'string') return
    try {
      buffered.push(JSON.parse(msg.data) as StreamEvent)
    } catch {
      return end(new Error('the stream sent a message that is not JSON'))
    }
    if (buffered.length > MAX_BUFFERED) {
      socket.close()
      return end(new Error(`more than ${MAX_BUFFERED} events were not taken: the stream was closed`))
    }
    notify()
  })
  socket.addEventListener('error', () => end(new Error(`the stream at ${service} failed`)))
  socket.addEventListener('close', (ev) =>
    end(ev.code === 1000 || ev.code === 1005 ? undefined : new Error(`the stream closed: ${ev.code} ${ev.reason}`)),
  )
  const abort = () => {
    socket.close()
    end()
  }
  opts.signal?.addEventListener('abort', abort, { once: true })
  try {
    while (true) {
      const next = buffered.shift()
      if (next) {
        yield next
        continue
      }
      if (ended) {
        if (ended.error && !opts.signal?.aborted) throw ended.error
        return
      }
      await new Promise<void>((resolve) => {
        wake = resolve
      })
    }
  } finally {
    opts.signal?.removeEventListener('abort', abort)
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close()
  }
}
