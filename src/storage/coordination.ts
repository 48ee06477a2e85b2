// What several processes on one set of databases need to coordinate: a
// signal when something changed (Postgres LISTEN/NOTIFY on the management
// database) and one leader for work only one may do (a session advisory lock,
// released by Postgres when the holder's connection dies, so a killed leader
// is replaced). The embedded database serves one process: signals stay in it
// and it always leads.
import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { Logger } from '../lib/logger.js'

export type Leadership = {
  /** Settles when leadership is lost (connection gone) or released. */
  readonly lost: Promise<void>
  release(): Promise<void>
}

export interface Coordination {
  notify(channel: string, payload: string): Promise<void>
  /** Calls handler for every notification on channel (from any process, this one included). */
  listen(channel: string, handler: (payload: string) => void): Promise<void>
  /** Becomes the leader for `key` if nobody is; null when another process leads. */
  tryLead(key: number): Promise<Leadership | null>
  close(): Promise<void>
}

/** One process: signals are events, and this process always leads. */
export class LocalCoordination implements Coordination {
  private readonly events = new EventEmitter().setMaxListeners(0)

  async notify(channel: string, payload: string): Promise<void> {
    this.events.emit(channel, payload)
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    this.events.on(channel, handler)
  }

  async tryLead(): Promise<Leadership> {
    let release = () => {}
    const lost = new Promise<void>((resolve) => {
      release = resolve
    })
    return { lost, release: async () => release() }
  }

  async close(): Promise<void> {
    this.events.removeAllListeners()
  }
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/

/** Several processes on one Postgres: LISTEN/NOTIFY and advisory locks on the management database. */
export class PostgresCoordination implements Coordination {
  private listener?: pg.Client
  private readonly handlers = new Map<string, ((payload: string) => void)[]>()
  private readonly leaders = new Set<pg.Client>()
  private closed = false

  constructor(
    private readonly url: string,
    private readonly pool: pg.Pool,
    private readonly logger: Logger,
  ) {}

  async notify(channel: string, payload: string): Promise<void> {
    await this.pool.query('select pg_notify($1, $2)', [channel, payload])
  }

  async listen(channel: string, handler: (payload: string) => void): Promise<void> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name: ${channel}`)
    const first = !this.handlers.has(channel)
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler])
    const client = await this.listenerClient()
    if (first) await client.query(`listen ${channel}`)
  }

  async tryLead(key: number): Promise<Leadership | null> {
    const client = new pg.Client({ connectionString: this.url })
    // Until the lock is ours and `lost` listens: a connection lost now fails connect or the query, and nothing else.
    client.on('error', () => {})
    await client.connect()
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [key])
    if (!rows[0]?.ok) {
      await client.end()
      return null
    }
    this.leaders.add(client)
    const lost = new Promise<void>((resolve) => {
      client.once('end', () => resolve())
      // `on`, not `once`: a terminated connection errors twice (the server's
      // FATAL, then the socket's end), and an unheard 'error' kills the process.
      client.on('error', (err) => {
        this.logger.warn({ err }, 'leader connection failed: leadership lost')
        resolve()
      })
    })
    return {
      lost,
      release: async () => {
        this.leaders.delete(client)
        await client.end().catch(() => {})
      },
    }
  }

  async close(): Promise<void> {
    this.closed = true
    await Promise.all([...this.leaders].map((c) => c.end().catch(() => {})))
    this.leaders.clear()
    await this.listener?.end().catch(() => {})
    this.listener = undefined
  }

  private async listenerClient(): Promise<pg.Client> {
    if (this.listener) return this.listener
    const client = new pg.Client({ connectionString: this.url })
    this.listener = client
    client.on('notification', (msg) => {
      for (const handler of this.handlers.get(msg.channel) ?? []) {
        // Called from the pg client's socket reader: a throw would end the process, not just this signal.
        try {
          handler(msg.payload ?? '')
        } catch (err) {
          this.logger.error({ err, channel: msg.channel }, 'a LISTEN handler failed')
        }
      }
    })
    client.on('error', (err) => {
      this.logger.warn({ err }, 'LISTEN connection failed; reconnecting')
      this.listener = undefined
      void client.end().catch(() => {})
      if (!this.closed) void this.relisten()
    })
    await client.connect()
    return client
  }

  private async relisten(): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        const client = await this.listenerClient()
        for (const channel of this.handlers.keys()) await client.query(`listen ${channel}`)
        return
      } catch (err) {
        this.listener = undefined
        this.logger.warn({ err, attempt }, 'LISTEN reconnect failed')
        await new Promise((r) => setTimeout(r, Math.min(30_000, 250 * 2 ** attempt)))
      }
    }
  }
}
