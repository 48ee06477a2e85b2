// com.atproto.sync.subscribeRepos over WebSocket. Each subscriber has its
// own position: a cursor replays from the database in pages, then the same
// loop follows the live tail, so there is no gap and no duplicate between the
// two. Frames go out as stored bytes. A subscriber whose unsent backlog passes
// the limit is told ConsumerTooSlow and dropped; it never slows the writers
// or anyone else, and memory per subscriber stays bounded (see TailFollower).
//
// Each PDS host has a stream of its own on the one global seq: a subscriber's
// host is the one its Host header names, fixed at the upgrade, and it gets
// that host's events only (the service host's: the accounts on no domain
// host), at that host's pace if it has one. Cursors stay global seqs.
import { EventEmitter } from 'node:events'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import type { FirehoseConfig } from '../../config/config.js'
import type { Lease } from '../../lib/byte-budget.js'
import type { Logger } from '../../lib/logger.js'
import { isDatabaseUnreachable } from '../../lib/unavailable.js'
import type { EventTail, SequencedFrame } from '../../sync/event-tail.js'
import { errorFrame, infoFrame } from '../../sync/frames.js'
import type { PdsHost } from '../../tenant/pds-hosts.js'
import { refuse } from '../upgrade-limit.js'
import { Pacer } from './pacer.js'
import { SubscribersByIp } from './subscribers-by-ip.js'
import { type FirehoseLimits, type FollowScope, TailFollower } from './tail-follower.js'

export const SUBSCRIBE_REPOS_PATH = '/xrpc/com.atproto.sync.subscribeRepos'

/** The PDS host a subscription is to: whose events it gets, and how many a second. */
export type StreamHost = Pick<PdsHost, 'host' | 'hostname' | 'eventsPerSecond'>

export type StreamHosts = {
  /** The host a Host header's name (no port) is to (PdsHosts.forRequest). */
  forRequest(hostname: string): Promise<StreamHost>
  /** Told of each wait of a paced subscriber of `hostname` for its pacer. */
  paced?(hostname: string, seconds: number): void
}

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
    /** Without it (tests of the stream alone), every subscriber gets every host's events, unpaced. */
    private readonly hosts?: StreamHosts,
  ) {
    super()
    // Subscribers have nothing to send: a larger message is closed with 1009 by ws before it is buffered whole.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes })
  }

  get subscriberCount(): number {
    return this.subscribers.size
  }

  /**
   * A WebSocket upgrade to SUBSCRIBE_REPOS_PATH (the server's one 'upgrade'
   * listener routes it here, with the client IP). Its host is looked up
   * first; a database that cannot say is a 503, and no WebSocket.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, ip = req.socket?.remoteAddress ?? 'unknown'): void {
    const cursor = new URL(req.url ?? '/', 'http://localhost').searchParams.get('cursor')
    const upgrade = (scope: FollowScope) =>
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, socket, cursor, ip, scope))
    if (!this.hosts) {
      upgrade({})
      return
    }
    const hosts = this.hosts
    // Node took its own error listener off the upgraded socket; a reset during the lookup must not go unheard.
    socket.on('error', () => socket.destroy())
    hosts
      .forRequest(hostnameOf(req.headers.host))
      .then(
        (host) => {
          if (socket.destroyed) return
          const eventsPerSecond = host.eventsPerSecond
          upgrade({
            host: host.host,
            pacer: eventsPerSecond > 0 ? new Pacer(eventsPerSecond) : undefined,
            onPaced: (seconds) => hosts.paced?.(host.hostname, seconds),
          })
        },
        (err: unknown) => {
          if (isDatabaseUnreachable(err)) this.logger.warn({ err }, 'finding the host of a firehose subscriber failed')
          else this.logger.error({ err }, 'finding the host of a firehose subscriber failed')
          refuse(socket, err)
        },
      )
      // Nothing awaits this chain: a throw in it costs the socket, never the process.
      .catch(() => socket.destroy())
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

  private accept(ws: WebSocket, socket: Duplex, cursorParam: string | null, ip: string, scope: FollowScope): void {
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
    const sub: Subscriber = new Subscriber(
      ws,
      socket,
      this.tail,
      this.limits,
      this.logger,
      (behind) => {
        // Counted out now, not when the socket finally closes: a stalled peer may never take the close.
        this.subscribers.delete(sub)
        this.emit('dropped', behind)
      },
      scope,
    )
    this.subscribers.addFrom(ip, sub)
    ws.on('close', () => {
      this.subscribers.delete(sub)
      sub.stop()
    })
    ws.on('error', () => ws.terminate())
    sub.start(cursor).catch((err) => sub.failed(err))
  }
}

/** The name a Host header gives (no port; '' when it has none a URL would take). */
function hostnameOf(header: string | undefined): string {
  return URL.parse(`http://${header ?? ''}`)?.hostname ?? ''
}

/** Sends a 1001 close frame after whatever is queued on `ws`; resolves once the socket has closed. */
export function closeGoingAway(ws: WebSocket, reason: string): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve()
  const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()))
  ws.close(1001, reason)
  return closed
}

class Subscriber extends TailFollower {
  private corked = false

  constructor(
    readonly ws: WebSocket,
    /** The upgraded connection under `ws`. */
    private readonly socket: Duplex,
    tail: EventTail,
    limits: FirehoseLimits,
    private readonly logger: Logger,
    onDropped: (behind: number) => void,
    scope: FollowScope,
  ) {
    super(tail, limits, onDropped, scope)
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
    // The frames sent in one turn of the event loop (a sequencer batch, a replay page) leave in one write,
    // not one system call each: with many subscribers those calls were much of the fan-out's CPU.
    if (!this.corked) {
      this.corked = true
      this.socket.cork()
      setImmediate(() => {
        this.corked = false
        this.socket.uncork()
      })
    }
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
