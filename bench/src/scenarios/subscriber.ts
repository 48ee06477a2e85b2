// A firehose subscriber that only timestamps and keeps raw frames while the
// measurement runs; frames are decoded afterwards, so the client's decoding
// never delays the receive times of the frames behind them.
import { decodeFirst, type TagDecoder } from 'cborg'
import WebSocket from 'ws'

// CIDs (tag 42) are kept as their bytes: only the header, repo and rev are read.
const TAGS: TagDecoder[] = []
TAGS[42] = (bytes: Uint8Array) => bytes

/**
 * `<repo> <rev>` of a #commit frame (a DAG-CBOR header {op, t} followed by
 * the body), or undefined for any other frame.
 */
export function commitKey(frame: Uint8Array): string | undefined {
  const [header, rest] = decodeFirst(frame, { tags: TAGS }) as [{ op?: number; t?: string }, Uint8Array]
  if (header.op !== 1 || header.t !== '#commit') return undefined
  const [body] = decodeFirst(rest, { tags: TAGS }) as [{ repo?: string; rev?: string }, Uint8Array]
  return `${body.repo} ${body.rev}`
}

export function subscribeUrl(base: string, cursor?: number): string {
  const url = new URL('/xrpc/com.atproto.sync.subscribeRepos', base)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  if (cursor !== undefined) url.searchParams.set('cursor', String(cursor))
  return url.toString()
}

export class Subscriber {
  readonly frames: Buffer[] = []
  readonly times: number[] = []
  /** First receive time of each commit, by `<repo> <rev>` (filled by decodeNew). */
  readonly received = new Map<string, number>()
  duplicates = 0
  /** Why the server closed the stream early, if it did. */
  closedEarly?: string
  private decoded = 0
  private closing = false

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.times.push(performance.now())
      this.frames.push(data)
    })
    ws.on('close', (code, reason) => {
      if (!this.closing) this.closedEarly = `closed ${code} ${reason.toString()}`
    })
  }

  static open(url: string): Promise<Subscriber> {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Subscriber(ws)))
      ws.once('error', reject)
    })
  }

  /** Decodes the frames received since the last call. */
  decodeNew(): void {
    for (; this.decoded < this.frames.length; this.decoded++) {
      const key = commitKey(this.frames[this.decoded] as Buffer)
      if (key === undefined) continue
      if (this.received.has(key)) this.duplicates++
      else this.received.set(key, this.times[this.decoded] as number)
    }
  }

  close(): void {
    this.closing = true
    this.ws.terminate()
  }
}

/**
 * Waits until every subscriber has every commit in `keys`, or the deadline
 * passes (what is still missing then counts as missed). `baseline` is each
 * subscriber's frame count before the writes: frames are counted before any
 * is decoded, so decoding starts only once the traffic is over.
 */
export async function waitForDelivery(
  subs: Subscriber[],
  keys: string[],
  baseline: number[],
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs
  const arrived = () => subs.every((s, i) => s.frames.length - (baseline[i] ?? 0) >= keys.length || s.closedEarly)
  while (!arrived() && performance.now() < deadline) await pause(10)
  while (true) {
    for (const s of subs) s.decodeNew()
    const complete = subs.every((s) => keys.every((k) => s.received.has(k)))
    if (complete || performance.now() >= deadline) return
    await pause(50)
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))
