// Graceful shutdown of a serving process, in order: stop accepting and let
// the requests under way finish (a new one on a kept-alive socket gets 503),
// sequence what they wrote and hand it to live subscribers, then close every
// stream with 1001. One deadline (config.shutdownTimeoutMs) bounds the
// waiting; what is left at it is cut. closeAppContext does the rest.
import type http from 'node:http'
import type { AppContext } from '../context.js'

/** The close reason every stream subscriber gets. */
export const GOING_AWAY_REASON = 'server shutting down'
/** How long subscribers may take to answer the close frame (within the deadline, but at least CLOSE_FLOOR_MS). */
const CLOSE_HANDSHAKE_MS = 2000
/** Even past the deadline, the close frames get this long to leave before the sockets are cut. */
const CLOSE_FLOOR_MS = 200

/** Counts the requests under way and, once closing, refuses new ones. */
export class RequestGate {
  private readonly active = new Set<http.ServerResponse>()
  private closing = false
  private idleWaiters: (() => void)[] = []

  /** `isStream`: requests that last as long as their subscriber (SSE), which shutdown ends by itself. */
  constructor(private readonly isStream: (req: http.IncomingMessage) => boolean) {}

  get inFlight(): number {
    return this.active.size
  }

  get refusing(): boolean {
    return this.closing
  }

  /** The server's request listener: `app` behind the gate. */
  wrap(app: http.RequestListener): http.RequestListener {
    return (req, res) => {
      if (this.closing) return refuse(res)
      if (!this.isStream(req)) {
        this.active.add(res)
        res.once('close', () => {
          this.active.delete(res)
          if (this.active.size === 0) for (const wake of this.idleWaiters.splice(0)) wake()
        })
      }
      app(req, res)
    }
  }

  /** Refuses new requests; those under way answer with `Connection: close`, so clients do not reuse the socket. */
  close(): void {
    this.closing = true
    for (const res of this.active) if (!res.headersSent) res.setHeader('connection', 'close')
  }

  /** Resolves when no request is under way. */
  async idle(): Promise<void> {
    while (this.active.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve))
  }

  /** Cuts the requests still under way (past the deadline). */
  cut(): void {
    for (const res of this.active) res.socket?.destroy()
  }
}

function refuse(res: http.ServerResponse): void {
  const body = JSON.stringify({ error: 'ServiceUnavailable', message: 'The server is shutting down' })
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close', 'retry-after': '1' })
  res.end(body)
}

/** Phases 1 to 3 of shutdown (HTTP, firehose, streams); each is logged with how long it took. */
export async function drainServer(ctx: AppContext, server: http.Server, gate: RequestGate): Promise<void> {
  const timeoutMs = ctx.config.shutdownTimeoutMs
  const deadline = Date.now() + timeoutMs
  // Stops listening at once; the callback waits for every socket, upgraded ones included.
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  gate.close()
  server.closeIdleConnections()
  ctx.logger.info({ phase: 'accept', inFlight: gate.inFlight, timeoutMs }, 'shutdown: no longer accepting connections')
  const phase = async (name: string, message: string, run: () => Promise<Record<string, unknown>>) => {
    const started = performance.now()
    const fields = await run()
    ctx.logger.info({ phase: name, ms: Math.round(performance.now() - started), ...fields }, `shutdown: ${message}`)
    return fields
  }
  await phase('requests', 'in-flight requests finished', () => finishRequests(ctx, server, gate, deadline))
  const { head } = await phase('sequencer', 'outboxes drained', () => sequenceTheRest(ctx, deadline))
  await phase('deliver', 'events handed to live subscribers', () => deliver(ctx, head as number, deadline))
  await phase('streams', 'streams closed', () => closeStreams(ctx, server, closed, deadline))
}

async function finishRequests(ctx: AppContext, server: http.Server, gate: RequestGate, deadline: number) {
  const finished = await within(gate.idle(), deadline)
  const cut = gate.inFlight
  if (!finished) {
    ctx.logger.warn({ phase: 'requests', cut }, 'shutdown: requests still under way at the deadline are cut')
    gate.cut()
  }
  // Sockets whose last response went out with keep-alive headers are idle now.
  server.closeIdleConnections()
  return { cut: finished ? 0 : cut }
}

/** One last sweep of every outbox (by the sequencer), so what the finished requests wrote has its seq; then read it. */
async function sequenceTheRest(ctx: AppContext, deadline: number) {
  const leading = ctx.sequencer.leading
  if (leading)
    await within(
      ctx.sequencer.sweep().then(() => ctx.sequencer.idle()),
      deadline,
    )
  let head = ctx.tail.head
  const read = ctx.tail.catchUp().then((h) => {
    head = h
  })
  await within(read, deadline)
  return { leading, head }
}

/** Subscribers that keep up get everything up to `head` before their streams close. */
async function deliver(ctx: AppContext, head: number, deadline: number) {
  const complete = await within(
    Promise.all([ctx.firehose.deliveredUpTo(head), ctx.jetstream.deliveredUpTo(head)]),
    deadline,
  )
  return { complete, subscribers: ctx.firehose.subscriberCount, jsonStreams: ctx.jetstream.subscriberCount }
}

/** 1001 to every WebSocket, the end to every SSE stream; whoever does not answer in time is cut. */
async function closeStreams(ctx: AppContext, server: http.Server, closed: Promise<void>, deadline: number) {
  const goingAway = Promise.all([ctx.firehose.goAway(GOING_AWAY_REASON), ctx.jetstream.goAway(GOING_AWAY_REASON)])
  const floor = () => Date.now() + CLOSE_FLOOR_MS
  const answered = await within(goingAway, Math.max(Math.min(deadline, Date.now() + CLOSE_HANDSHAKE_MS), floor()))
  ctx.firehose.close()
  ctx.jetstream.close()
  server.closeIdleConnections()
  if (!(await within(closed, Math.max(deadline, floor())))) {
    server.closeAllConnections()
    await within(closed, floor())
  }
  return { answered }
}

/** Whether `promise` settled before `deadline` (epoch ms); it runs on either way. */
async function within(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()))
  })
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      expired,
    ])
  } finally {
    clearTimeout(timer)
  }
}
