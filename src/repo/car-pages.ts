// CAR v1 written a page of blocks at a time: one buffer per page instead of
// three stream chunks per block, so a 10,000-record export is a few dozen
// writes rather than tens of thousands of async steps.
import { encode } from '@atproto/lex-cbor'
import type { Cid } from '@atproto/lex-data'

export type CarBlock = { cid: Cid; bytes: Uint8Array }

/** The CAR header naming `root` (none: a CAR of loose blocks, as getBlocks answers), as its varint-prefixed bytes. */
export function carHeader(root: Cid | null): Buffer {
  const header = encode({ version: 1, roots: root ? [root] : [] })
  return Buffer.concat([varint(header.byteLength), header])
}

/** Blocks as CAR sections (varint length, CID bytes, block bytes), in one buffer. */
export function carSections(blocks: CarBlock[]): Buffer {
  const parts: Uint8Array[] = []
  for (const b of blocks) parts.push(varint(b.cid.bytes.byteLength + b.bytes.byteLength), b.cid.bytes, b.bytes)
  return Buffer.concat(parts)
}

/** Unsigned LEB128, as CAR section lengths are written. */
function varint(n: number): Uint8Array {
  const out: number[] = []
  let v = n
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80)
    v = Math.floor(v / 128)
  }
  out.push(v)
  return Uint8Array.from(out)
}
