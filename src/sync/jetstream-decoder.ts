// Jetstream-shaped JSON events (as github.com/bluesky-social/jetstream sends
// them) from the firehose's stored frames: a #commit becomes one event per op
// with the record as AT Protocol JSON, #identity and #account one event each;
// #sync and #info are not sent. Each JSON event has its own time_us: a
// firehose event's JSON events are numbered up to and including its time_us.
import { decode, decodeAll } from '@atproto/lex-cbor'
import type { Cid, LexMap } from '@atproto/lex-data'
import { lexToJson } from '@atproto/lexicon'
import { readCar } from '@atproto/repo'
import type { Logger } from '../lib/logger.js'
import type { OutboxKind } from '../storage/schema.js'
import type { SequencedFrame } from './event-tail.js'

export type JetstreamEvent = {
  did: string
  timeUs: number
  /** Commits only: what `wantedCollections` matches. */
  collection?: string
  /** The event as sent: one JSON text, in UTF-8, encoded once and shared by every subscriber that sends it. */
  json: Buffer
  /** json.byteLength. */
  bytes: number
}

type CommitOp = { action: 'create' | 'update' | 'delete'; path: string; cid: Cid | null }
type CommitBody = { repo: string; rev: string; blocks: Uint8Array; ops: CommitOp[] }
type IdentityBody = { did: string; handle?: string; seq: number; time: string }
type AccountBody = { did: string; active: boolean; status?: string; seq: number; time: string }

/**
 * How many time_us values a firehose event takes: one per JSON event it
 * becomes, and at least one, so time_us stays unique per firehose event too.
 * `body` is the outbox event, decoded.
 */
export function jsonEventSpan(kind: OutboxKind, body: LexMap): number {
  if (kind !== 'commit') return 1
  const { ops } = body as { ops?: unknown[] }
  return Math.max(1, ops?.length ?? 0)
}

/** The JSON events of one stored frame, in order. */
export async function jetstreamEvents(f: SequencedFrame): Promise<JetstreamEvent[]> {
  const [header, body] = [...decodeAll(f.frame)] as [{ op?: number; t?: string }, LexMap]
  if (header.op !== 1) return []
  switch (header.t) {
    case '#commit':
      return commitEvents(body as unknown as CommitBody, f.timeUs)
    case '#identity': {
      const { did, handle, seq, time } = body as unknown as IdentityBody
      return [jsonEvent(did, f.timeUs, 'identity', { did, handle, seq, time })]
    }
    case '#account': {
      const { did, active, status, seq, time } = body as unknown as AccountBody
      return [jsonEvent(did, f.timeUs, 'account', { active, did, seq, time, status })]
    }
    default:
      return []
  }
}

async function commitEvents(body: CommitBody, lastTimeUs: number): Promise<JetstreamEvent[]> {
  const { ops } = body
  // Our own sequencer wrote this CAR from our own repo: no need to hash every block again.
  const blocks = ops.some((op) => op.action !== 'delete')
    ? (await readCar(body.blocks, { skipCidVerification: true })).blocks
    : undefined
  const firstTimeUs = lastTimeUs - ops.length + 1
  return ops.map((op, i) => {
    const slash = op.path.indexOf('/')
    const collection = op.path.slice(0, slash)
    const commit: Record<string, unknown> = {
      rev: body.rev,
      operation: op.action,
      collection,
      rkey: op.path.slice(slash + 1),
    }
    if (op.action !== 'delete' && op.cid) {
      const bytes = blocks?.get(op.cid)
      // Always in the diff; were one missing, the CID still says what the record is.
      if (bytes) commit.record = lexToJson(decode(bytes))
      commit.cid = op.cid.toString()
    }
    return jsonEvent(body.repo, firstTimeUs + i, 'commit', commit, collection)
  })
}

function jsonEvent(
  did: string,
  timeUs: number,
  kind: 'commit' | 'identity' | 'account',
  payload: Record<string, unknown>,
  collection?: string,
): JetstreamEvent {
  // Absent optional fields (handle, status) are undefined here, so JSON leaves them out.
  const json = Buffer.from(JSON.stringify({ did, time_us: timeUs, kind, [kind]: payload }))
  return { did, timeUs, collection, json, bytes: json.byteLength }
}

/**
 * Converts each frame once per process, however many subscribers read it:
 * the most recently read frames' events are kept (the live ones, which every
 * live subscriber reads at about the same time), up to maxFrames frames and
 * maxBytes of JSON.
 */
export class JetstreamDecoder {
  private readonly cache = new Map<number, Promise<JetstreamEvent[]>>()
  /** JSON bytes of the cached frames whose conversion has finished. */
  private readonly sizes = new Map<number, number>()
  private bytes = 0

  constructor(
    private readonly maxFrames: number,
    private readonly logger: Logger,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  eventsOf(f: SequencedFrame): Promise<JetstreamEvent[]> {
    const cached = this.cache.get(f.seq)
    if (cached) {
      // Evicted least recently used first: the frames live subscribers are reading stay while a replay passes through.
      this.cache.delete(f.seq)
      this.cache.set(f.seq, cached)
      return cached
    }
    const events = jetstreamEvents(f).catch((err) => {
      this.logger.warn({ err, seq: f.seq }, 'a firehose frame would not convert to JSON events; skipped')
      return []
    })
    this.cache.set(f.seq, events)
    void events.then((evs) => {
      if (this.cache.get(f.seq) !== events) return
      const size = evs.reduce((n, ev) => n + ev.bytes, 0)
      this.sizes.set(f.seq, size)
      this.bytes += size
      this.evict()
    })
    this.evict()
    return events
  }

  private evict(): void {
    while (this.cache.size > this.maxFrames || (this.bytes > this.maxBytes && this.cache.size > 1)) {
      const seq = this.cache.keys().next().value as number
      this.cache.delete(seq)
      this.bytes -= this.sizes.get(seq) ?? 0
      this.sizes.delete(seq)
    }
  }
}
