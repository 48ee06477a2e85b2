// The firehose as Jetstream-shaped JSON at `/subscribe`: over WebSocket (one
// text message per event) or, for a plain GET, as Server-Sent Events. Each
// stream follows the firehose by seq, as subscribeRepos does (a cursor
// replays from the ring or the database, then the same loop follows the live
// tail: no gap, no duplicate), with the same buffer and lag limits.
import { EventEmitter } from 'node:events'
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { type WebSocket, WebSocketServer } from 'ws'
import type { FirehoseConfig } from '../../config/config.js'
import type { Lease } from '../../lib/byte-budget.js'
import type { Logger } from '../../lib/logger.js'
import type { EventTail, SequencedFrame } from '../../sync/event-tail.js'
import type { JetstreamDecoder, JetstreamEvent } from '../../sync/jetstream-decoder.js'
import { closeGoingAway } from './firehose-server.js'
import {
  isWanted,
  type JetstreamFilter,
  type JetstreamQuery,
  parseJetstreamQuery,
  parseOptionsUpdate,
} from './jetstream-query.js'
import { SubscribersByIp } from './subscribers-by-ip.js'
import { type FirehoseLimits, TailFollower } from './tail-follower.js'

export const JETSTREAM_PATH = '/subscribe'
/** How often an idle SSE stream sends a comment, so proxies keep it open. */
const SSE_HEARTBEAT_MS = 15_000

type Rejection = { status: number; error: string; message: string }

/** Emits 'dropped' (with how far behind) when it drops a stream that fell behind. */
export class JetstreamServer extends EventEmitter {
  private readonly wss: WebSocketServer
  private readonly streams = new SubscribersByIp<JsonStream>()
  /** Set once shutdown has begun: no new stream starts. */
  private goingAway?: string

  constructor(
    private readonly tail: EventTail,
    private readonly decoder: JetstreamDecoder,
    private readonly limits: FirehoseLimits & Pick<FirehoseConfig, 'maxSubscribersPerIp' | 'maxOptionsUpdateBytes'>,
    private readonly logger: Logger,
    private readonly heartbeatMs = SSE_HEARTBEAT_MS,
  ) {
    super()
    // Room for an options_update naming every DID a subscriber may want; larger is closed with 1009.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxOptionsUpdateBytes })
  }

  get subscriberCount(): number {
    return this.streams.size
  }

  /** A WebSocket upgrade to /subscribe from client `ip`; a request we will not serve is answered before upgrading. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ip = req.socket?.remoteAddress ?? 'unknown'): void {
    const query = this.admit(req, ip)
    if ('error' in query) {
      const body = JSON.stringify({ error: query.error, message: query.message })
      socket.end(
        `HTTP/1.1 ${query.status} ${STATUS_CODES[query.status]}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      )
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(new WebSocketSink(ws), query, ip))
  }

  /** A plain GET /subscribe from client `ip`: the same stream as Server-Sent Events. */
  serveSse(req: IncomingMessage, res: ServerResponse, ip = req.socket?.remoteAddress ?? 'unknown'): void {
    const query = this.admit(req, ip, req.headers['last-event-id'] as string | undefined)
    if ('error' in query) {
      res.writeHead(query.status, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: query.error, message: query.message }))
      return
    }
    this.open(new SseSink(res, this.heartbeatMs), query, ip)
  }

  close(): void {
    for (const s of this.streams) {
      s.stop()
      s.sink.destroy()
    }
    this.streams.clear()
    this.wss.close()
  }

  /** Shutdown: resolves once every stream that keeps up has been handed the events up to `seq`. */
  async deliveredUpTo(seq: number): Promise<void> {
    await Promise.all([...this.streams].map((s) => s.deliveredUpTo(seq)))
  }

  /** Shutdown: closes every WebSocket with 1001 and `reason` and ends every SSE stream; resolves when all are closed. */
  async goAway(reason: string): Promise<void> {
    this.goingAway = reason
    await Promise.all(
      [...this.streams].map((s) => {
        s.stop()
        return s.sink.goAway(reason)
      }),
    )
  }

  private admit(req: IncomingMessage, ip: string, lastEventId?: string): JetstreamQuery | Rejection {
    let query: JetstreamQuery
    try {
      const url = URL.parse(req.url ?? '/', 'http://localhost')
      if (!url) throw new InvalidRequestError('Not a valid request URL')
      query = parseJetstreamQuery(url.searchParams, lastEventId)
    } catch (err) {
      if (!(err instanceof InvalidRequestError)) throw err
      return { status: 400, error: 'InvalidRequest', message: err.message }
    }
    if (this.streams.size >= this.limits.maxSubscribers) {
      return { status: 503, error: 'TooManySubscribers', message: 'This server has as many subscribers as it takes' }
    }
    if (this.streams.countOf(ip) >= this.limits.maxSubscribersPerIp) {
      const message = `At most ${this.limits.maxSubscribersPerIp} streams at once from one IP`
      return { status: 429, error: 'RateLimitExceeded', message }
    }
    return query
  }

  private open(sink: Sink, query: JetstreamQuery, ip: string): void {
    if (this.goingAway !== undefined) {
      void sink.goAway(this.goingAway)
      return
    }
    const stream: JsonStream = new JsonStream(sink, this.tail, this.decoder, query.filter, this.limits, {
      dropped: (behind) => {
        // Counted out now, not when the socket finally closes: a stalled peer may never take the close.
        this.streams.delete(stream)
        this.logger.info({ behind }, 'dropping a JSON stream subscriber that fell behind')
        this.emit('dropped', behind)
      },
      failed: (err) => {
        this.logger.warn({ err }, 'JSON stream subscriber failed')
        this.streams.delete(stream)
        sink.destroy()
      },
    })
    this.streams.addFrom(ip, stream)
    sink.onClose(() => {
      this.streams.delete(stream)
      stream.stop()
    })
    sink.onMessage?.((text) => {
      try {
        stream.filter = parseOptionsUpdate(text)
        this.emit('optionsUpdated', stream.filter)
      } catch (err) {
        // A WebSocket 'message' listener: a throw here would end the process, so a bug ends this stream only.
        if (!(err instanceof InvalidRequestError))
          this.logger.error({ err }, 'reading a JSON stream options update failed')
        sink.refuse(err instanceof InvalidRequestError ? err.message : 'The options update could not be read')
      }
    })
    stream.start(query.cursor).catch((err) => {
      stream.stop()
      stream.failed(err)
    })
  }
}

/** One subscriber's transport. */
interface Sink {
  /** The stream starts (SSE sends its headers here, once the start position is known). */
  open(): void
  /** Hands one event to the socket; `flushed` runs once it has left this process. */
  write(ev: JetstreamEvent, flushed: () => void): void
  /** Tells the consumer it fell behind, then ends the stream. */
  tooSlow(): void
  destroy(): void
  onClose(listener: () => void): void
  /** What the subscriber sends (WebSocket only): options_update messages. */
  onMessage?(listener: (text: string) => void): void
  /** Ends the stream over a subscriber message it could not take. */
  refuse(message: string): void
  /** Ends the stream because the server is shutting down (after what was already written); resolves once closed. */
  goAway(reason: string): Promise<void>
}

class WebSocketSink implements Sink {
  constructor(private readonly ws: WebSocket) {
    ws.on('error', () => ws.terminate())
  }

  open(): void {}

  write(ev: JetstreamEvent, flushed: () => void): void {
    // Sent as text from the shared UTF-8 bytes: no copy per subscriber.
    this.ws.send(ev.json, { binary: false }, flushed)
  }

  tooSlow(): void {
    this.ws.close(1008, 'ConsumerTooSlow')
    // A consumer that reads nothing would never take the close either.
    setTimeout(() => this.ws.terminate(), 1000).unref()
  }

  destroy(): void {
    this.ws.terminate()
  }

  goAway(reason: string): Promise<void> {
    return closeGoingAway(this.ws, reason)
  }

  onClose(listener: () => void): void {
    this.ws.on('close', listener)
  }

  onMessage(listener: (text: string) => void): void {
    this.ws.on('message', (data: Buffer) => listener(data.toString('utf8')))
  }

  refuse(message: string): void {
    // A close reason has room for 123 bytes: printable ASCII keeps the count exact.
    this.ws.close(1008, `InvalidRequest: ${message}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 123))
  }
}

class SseSink implements Sink {
  private heartbeat?: NodeJS.Timeout

  constructor(
    private readonly res: ServerResponse,
    private readonly heartbeatMs: number,
  ) {
    res.on('close', () => clearInterval(this.heartbeat))
  }

  open(): void {
    this.res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise hold events back in their buffers.
      'x-accel-buffering': 'no',
      // Public data, read without credentials: a browser's EventSource on any site may follow it.
      'access-control-allow-origin': '*',
    })
    this.res.flushHeaders()
    this.heartbeat = setInterval(() => this.res.write(': heartbeat\n\n'), this.heartbeatMs)
    this.heartbeat.unref()
  }

  write(ev: JetstreamEvent, flushed: () => void): void {
    // The event's shared bytes are written as they are, not copied into one string per subscriber.
    this.res.cork()
    this.res.write(`id: ${ev.timeUs}\ndata: `)
    this.res.write(ev.json)
    this.res.write('\n\n', () => flushed())
    this.res.uncork()
  }

  tooSlow(): void {
    clearInterval(this.heartbeat)
    const body = JSON.stringify({ error: 'ConsumerTooSlow', message: 'Stream consumer too slow' })
    this.res.end(`event: error\ndata: ${body}\n\n`)
    setTimeout(() => this.res.destroy(), 1000).unref()
  }

  destroy(): void {
    clearInterval(this.heartbeat)
    this.res.destroy()
  }

  goAway(reason: string): Promise<void> {
    clearInterval(this.heartbeat)
    if (this.res.closed) return Promise.resolve()
    const closed = new Promise<void>((resolve) => this.res.once('close', () => resolve()))
    if (this.res.headersSent) {
      this.res.end()
    } else {
      // The stream had not started yet: a plain refusal the client may retry elsewhere.
      this.res.writeHead(503, { 'content-type': 'application/json', connection: 'close' })
      this.res.end(JSON.stringify({ error: 'ServiceUnavailable', message: reason }))
    }
    return closed
  }

  refuse(): void {
    this.destroy()
  }

  onClose(listener: () => void): void {
    this.res.on('close', listener)
  }
}

/** One subscriber's position in the firehose (a seq) and what it wants of it; TailFollower sends. */
class JsonStream extends TailFollower {
  /** Events before this time_us are skipped: a cursor may point into the middle of a commit's ops. */
  private from = 0

  constructor(
    readonly sink: Sink,
    tail: EventTail,
    private readonly decoder: JetstreamDecoder,
    /** Replaced whole by an options_update. */
    public filter: JetstreamFilter,
    limits: FirehoseLimits,
    private readonly on: { dropped: (behind: number) => void; failed: (err: unknown) => void },
  ) {
    super(tail, limits, on.dropped)
  }

  async start(cursor: number | undefined): Promise<void> {
    if (cursor === undefined) {
      this.sent = this.tail.head
    } else {
      const start = await this.tail.positionAtTime(cursor)
      this.sent = start.after
      // A cursor past every stored event means live, as in Jetstream; else it may end inside a commit.
      this.from = start.future ? 0 : cursor
    }
    if (this.stopped) return
    this.sink.open()
    await this.follow()
  }

  /** A replayed frame keeps its lease until its events are handed on; each holds its JSON's bytes until flushed. */
  protected async deliver(f: SequencedFrame, lease: Lease | undefined): Promise<void> {
    if (!lease && this.replaying) {
      // Replayed from the ring, past what the shared JSON cache keeps, its events are this stream's own copies: held in the budget too.
      try {
        lease = await this.tail.replayBudget.acquire(f.frame.byteLength, this.stopSignal)
      } catch (err) {
        if (this.stopped) return
        throw err
      }
    }
    try {
      for (const ev of await this.decoder.eventsOf(f)) {
        if (this.stopped) return
        if (ev.timeUs >= this.from && isWanted(this.filter, ev)) {
          const held = lease?.budget.draw(ev.bytes)
          await this.sendBuffered(
            ev.bytes,
            (flushed) => this.sink.write(ev, flushed),
            () => held?.release(),
          )
        }
      }
    } finally {
      lease?.release()
    }
  }

  protected dropTooSlow(): void {
    this.sink.tooSlow()
  }

  override failed(err: unknown): void {
    this.on.failed(err)
  }
}
