// A firehose client for tests: connects to subscribeRepos with `ws`, keeps
// every raw frame, and decodes header and body with @ipld/dag-cbor (not with
// the code under test).
import type { AtpAgent } from '@atproto/api'
import * as dagCbor from '@ipld/dag-cbor'
import { decodeFirst } from 'cborg'
import WebSocket from 'ws'

export type Frame = { raw: Uint8Array; header: { op: number; t?: string }; body: Record<string, unknown> }

/** Splits a frame into its two DAG-CBOR objects. */
export function decodeFrame(raw: Uint8Array): Frame {
  const [header, rest] = decodeFirst(raw, dagCbor.decodeOptions)
  return { raw, header: header as Frame['header'], body: dagCbor.decode(rest) as Record<string, unknown> }
}

export class FirehoseClient {
  readonly frames: Frame[] = []
  readonly ws: WebSocket
  closed = false
  private waiters: (() => void)[] = []

  /** `host`: the Host header to send (a PDS host's stream: `pds-a.test:PORT` on loopback). */
  constructor(base: string, cursor?: number, opts: { host?: string } = {}) {
    const url = new URL('/xrpc/com.atproto.sync.subscribeRepos', base.replace(/^http/, 'ws'))
    if (cursor !== undefined) url.searchParams.set('cursor', String(cursor))
    this.ws = new WebSocket(url, opts.host ? { headers: { host: opts.host } } : {})
    this.ws.on('message', (data: Buffer) => {
      this.frames.push(decodeFrame(new Uint8Array(data)))
      this.notify()
    })
    this.ws.on('close', () => {
      this.closed = true
      this.notify()
    })
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve()
      this.ws.once('open', () => resolve())
      this.ws.once('error', reject)
    })
  }

  /** Resolves once `predicate` holds for the frames received (or rejects when the socket closes first). */
  async until(predicate: (frames: Frame[]) => boolean, what = 'frames'): Promise<void> {
    while (!predicate(this.frames)) {
      if (this.closed) throw new Error(`stream closed before ${what}`)
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  messages(): Frame[] {
    return this.frames.filter((f) => f.header.op === 1 && f.header.t !== '#info')
  }

  close(): void {
    this.ws.close()
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

/**
 * Writes `commits` commits of `perCommit` records, each record holding `chars`
 * characters of filler: events of a known size, for tests of stream memory.
 */
export async function writeFiller(
  account: { did: string; agent: AtpAgent },
  opts: { commits: number; chars: number; perCommit?: number; collection?: string },
): Promise<void> {
  const { commits, chars, perCommit = 1, collection = 'com.example.blob' } = opts
  for (let i = 0; i < commits; i++) {
    await account.agent.com.atproto.repo.applyWrites({
      repo: account.did,
      writes: Array.from({ length: perCommit }, (_, j) => ({
        $type: 'com.atproto.repo.applyWrites#create',
        collection,
        value: { i, j, filler: 'x'.repeat(chars) },
      })),
    })
  }
}
