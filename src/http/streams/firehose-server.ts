// com.atproto.sync.subscribeRepos over WebSocket. Each subscriber has its
// own position: a cursor replays from the database in pages, then the same
// loop follows the live tail, so there is no gap and no duplicate between the
// two. Frames go out as stored bytes. A subscriber whose unsent backlog passes
// the limit is told ConsumerTooSlow and dropped; it never slows the writers
// or anyone else, and memory per subscriber stays bounded (see TailFollower).
import { EventEmitter } from 'node:events'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import type { FirehoseConfig } from '../../config/config.js'
import type { Lease } from '../../lib/byte-budget.js'
import type { Logger } from '../../lib/logger.js'
import type { EventTail, SequencedFrame } from '../../sync/event-tail.js'
import { errorFrame, infoFrame } from '../../sync/frames.js'
import { SubscribersByIp } from './subscribers-by-ip.js'
import { type FirehoseLimits, TailFollower } from './tail-follower.js'

export const SUBSCRIBE_REPOS_PATH = '/xrpc/com.atproto.sync.subscribeRepos'

/** Emits 'dropped' (with how far behind) when it drops a subscriber that fell behind. */
export class FirehoseServer extends EventEmitter {
  private readonly wss: WebSocketServer
  private readonly subscribers = new SubscribersByIp<Subscriber>()
  /** Set once shutdown has begun: a subscriber still completing its handshake is told to go away. */
  private goingAway?: string

  constructor(
    private readonly tail: EventTail,
    private readonly limits: FirehoseLimits & Pick<FirehoseConfig, 'maxSubscribersPerIp' | 'maxMessageBytes'>,
    private readonly logger: Logger,
  ) {
    super()
    // Subscribers have nothing to send: a larger message is closed with 1009 by ws before it is buffered whole.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  }

  get subscriberCount(): number {
    return this.subscribers.size
  }

  /** A WebSocket upgrade to SUBSCRIBE_REPOS_PATH (the server's one 'upgrade' listener routes it here, with the client IP). */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ip = req.socket?.remoteAddress ?? 'unknown'): void {
    const url = new URL(req.url ?? '/', 'http://localhost')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url.searchParams.get('cursor'), ip))
  }

  close(): void {
    for (const s of this.subscribers) s.ws.terminate()
    this.wss.close()
  }

  /** Shutdown: resolves once every subscriber that keeps up has been handed the events up to `seq`. */
  async deliveredUpTo(seq: number): Promise<void> {
    await Promise.all([...this.subscribers].map((s) => s.deliveredUpTo(seq)))
  }

  /** Shutdown: closes every subscriber with 1001 and `reason`; resolves when their sockets have closed. */
  async goAway(reason: string): Promise<void> {
    this.goingAway = reason
    await Promise.all(
      [...this.subscribers].map((s) => {
        s.stop()
        return closeGoingAway(s.ws, reason)
      }),
    )
  }

  private accept(ws: WebSocket, cursorParam: string | null, ip: string): void {
    if (this.goingAway !== undefined) {
      ws.close(1001, this.goingAway)
      return
    }
    if (this.subscribers.size >= this.limits.maxSubscribers) {
      ws.send(errorFrame('ConsumerTooSlow', 'This server has as many subscribers as it takes'))
      ws.close(1013)
      return
    }
    if (this.subscribers.countOf(ip) >= this.limits.maxSubscribersPerIp) {
      const max = this.limits.maxSubscribersPerIp
      ws.send(errorFrame('RateLimitExceeded', `At most ${max} subscriptions at once from one IP`))
      ws.close(1013)
      return
    }
    let cursor: number | undefined
    if (cursorParam !== null) {
      cursor = Number(cursorParam)
      if (!/^\d{1,15}$/.test(cursorParam) || !Number.isSafeInteger(cursor)) {
        ws.send(errorFrame('InvalidRequest', 'cursor must be a non-negative integer'))
        ws.close(1008)
        return
      }
    }
    const sub: Subscriber = new Subscriber(ws, this.tail, this.limits, this.logger, (behind) => {
      // Counted out now, not when the socket finally closes: a stalled peer may never take the close.
      this.subscribers.delete(sub)
      this.emit('dropped', behind)
    })
    this.subscribers.addFrom(ip, sub)
    ws.on('close', () => {
      this.subscribers.delete(sub)
      sub.stop()
    })
    ws.on('error', () => ws.terminate())
    sub.start(cursor).catch((err) => sub.failed(err))
  }
}

/** Sends a 1001 close frame after whatever is queued on `ws`; resolves once the socket has closed. */
export function closeGoingAway(ws: WebSocket, reason: string): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve()
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  ws.close(1001, reason)
  return closed
}

class Subscriber extends TailFollower {
  constructor(
    readonly ws: WebSocket,
    tail: EventTail,
    limits: FirehoseLimits,
    private readonly logger: Logger,
    onDropped: (behind: number) => void,
  ) {
    super(tail, limits, onDropped)
  }

  async start(cursor: number | undefined): Promise<void> {
    if (cursor === undefined) {
      this.sent = this.tail.head
    } else {
      if (cursor > this.tail.head) {
        this.ws.send(errorFrame('FutureCursor', 'Cursor in the future.'))
        this.ws.close(1008)
        return
      }
      const oldest = await this.tail.oldestSeq()
      if (oldest !== undefined && cursor < oldest - 1) {
        this.ws.send(infoFrame('OutdatedCursor', 'Requested cursor exceeded limit. Possibly missing events'))
        this.sent = oldest - 1
      } else {
        this.sent = cursor
      }
    }
    await this.follow()
  }

  protected deliver(f: SequencedFrame, lease: Lease | undefined): Promise<void> {
    const write = (flushed: () => void) => this.ws.send(f.frame, { binary: true }, () => flushed())
    return this.sendBuffered(f.frame.byteLength, write, () => lease?.release())
  }

  override failed(err: unknown): void {
    this.logger.warn({ err }, 'firehose subscriber failed')
    this.ws.terminate()
  }

  protected dropTooSlow(behind: number): void {
    this.logger.info({ behind }, 'dropping a firehose subscriber that fell behind')
    this.ws.send(errorFrame('ConsumerTooSlow', 'Stream consumer too slow'))
    this.ws.close(1008, 'ConsumerTooSlow')
    // A consumer that reads nothing would never take the close either.
    setTimeout(() => this.ws.terminate(), 1000).unref()
  }
}
