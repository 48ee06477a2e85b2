// Event-stream frames: a DAG-CBOR header then a DAG-CBOR body, concatenated
// into one WebSocket binary message. Encoded once, by the sequencer, and sent
// as stored bytes to every subscriber.
import { decode, encode } from '@atproto/lex-cbor'
import type { LexMap } from '@atproto/lex-data'
import type { OutboxKind } from '../storage/schema.js'

/** The message type a kind of outbox event goes out as. */
export const FRAME_TYPES: Record<OutboxKind, string> = {
  commit: '#commit',
  sync: '#sync',
  identity: '#identity',
  account: '#account',
}

/** A message frame for an outbox event (its DAG-CBOR body), now that it has its seq and time. */
export function messageFrame(kind: OutboxKind, event: Uint8Array, seq: number, time: string): Uint8Array {
  return bodyFrame(kind, decode(event) as LexMap, seq, time)
}

/** The same, from the event's body already decoded. */
export function bodyFrame(kind: OutboxKind, body: LexMap, seq: number, time: string): Uint8Array {
  return concat(encode({ op: 1, t: FRAME_TYPES[kind] }), encode({ ...body, seq, time }))
}

export function infoFrame(name: string, message?: string): Uint8Array {
  return concat(encode({ op: 1, t: '#info' }), encode(message ? { name, message } : { name }))
}

export function errorFrame(error: string, message?: string): Uint8Array {
  return concat(encode({ op: -1 }), encode(message ? { error, message } : { error }))
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength)
  out.set(a, 0)
  out.set(b, a.byteLength)
  return out
}
