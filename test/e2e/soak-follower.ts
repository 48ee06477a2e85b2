// The soak test's firehose client: follows subscribeRepos through every
// server generation, reconnecting with its last seq as the cursor, and notes
// any gap, duplicate or unexpected close.
import WebSocket from 'ws'
import { decodeFrame } from '../sync/helpers.js'
import type { Servers } from './soak-clients.js'

/** A subscribeRepos client that reconnects to each new generation with its last seq as the cursor. */
export class Follower {
  readonly frames = new Map<number, Uint8Array>()
  /** How often each commit ("did rev") arrived. */
  readonly commits = new Map<string, number>()
  readonly problems: string[] = []
  last = 0
  connections = 0
  private stopping = false
  private ws?: WebSocket
  private waiters: (() => void)[] = []

  constructor(private readonly servers: Servers) {}

  async run(): Promise<void> {
    while (!this.stopping) {
      const gen = await this.servers.live()
      const code = await this.follow(gen.url)
      if (!this.stopping && !gen.killed) {
        this.problems.push(`stream closed (${code}) by a server that was not killed`)
        return
      }
    }
  }

  /** Resolves once `predicate` holds, or throws at `deadline`. */
  async until(predicate: () => boolean, deadline: number, what: string): Promise<void> {
    while (!predicate()) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no ${what} before the deadline (last seq ${this.last})`)
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, left).unref()
      })
    }
  }

  stop(): void {
    this.stopping = true
    this.ws?.close()
  }

  private follow(url: string): Promise<number> {
    return new Promise((resolve) => {
      this.connections++
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/xrpc/com.atproto.sync.subscribeRepos?cursor=${this.last}`)
      this.ws = ws
      ws.on('message', (data: Buffer) => this.received(new Uint8Array(data)))
      ws.on('error', () => {})
      ws.on('close', (code) => resolve(code))
    })
  }

  private received(raw: Uint8Array): void {
    const { header, body } = decodeFrame(raw)
    if (header.op !== 1 || header.t === '#info') {
      this.problems.push(`unexpected frame ${JSON.stringify({ header, body })}`)
    } else {
      const seq = body.seq as number
      if (seq !== this.last + 1) this.problems.push(`seq ${seq} after ${this.last}`)
      this.last = Math.max(this.last, seq)
      this.frames.set(seq, raw)
      if (header.t === '#commit') {
        const key = `${body.repo} ${body.rev}`
        this.commits.set(key, (this.commits.get(key) ?? 0) + 1)
      }
    }
    for (const wake of this.waiters.splice(0)) wake()
  }
}
