// CAR v1 written a page of blocks at a time: one buffer per page instead of
// three stream chunks per block, so a 10,000-record export is a few dozen
// writes rather than tens of thousands of async steps.
import { encode } from '@atproto/lex-cbor'
import { type Cid, parseCid } from '@atproto/lex-data'

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

/**
 * Stored blocks as CAR sections, the same bytes as `carSections` gives for
 * them parsed: a CIDv1 in base32 (every CID we store) is decoded straight into
 * the page's buffer, with no CID object or copy per block; any other is parsed.
 */
export function carSectionsOfStored(blocks: StoredBlock[]): Buffer {
  // Per block: the CID's byte length, and the CID parsed when it is not in base32 (none, as we store them).
  const lengths = new Array<number>(blocks.length)
  const parsed: (Uint8Array | undefined)[] = new Array(blocks.length)
  let size = 0
  for (let i = 0; i < blocks.length; i++) {
    const { cid, content } = blocks[i] as StoredBlock
    let length = base32CidLength(cid)
    if (length < 0) {
      const bytes = parseCid(cid).bytes
      parsed[i] = bytes
      length = bytes.byteLength
    }
    lengths[i] = length
    const body = length + content.byteLength
    size += varintLength(body) + body
  }
  const out = Buffer.allocUnsafe(size)
  let at = 0
  for (let i = 0; i < blocks.length; i++) {
    const { cid, content } = blocks[i] as StoredBlock
    at = writeVarint(out, at, (lengths[i] as number) + content.byteLength)
    const bytes = parsed[i]
    if (bytes) {
      out.set(bytes, at)
      at += bytes.byteLength
    } else at = writeBase32(out, at, cid)
    out.set(content, at)
    at += content.byteLength
  }
  return out
}

/** A block as the database holds it: its CID as text. */
export type StoredBlock = { cid: string; content: Uint8Array }

// RFC 4648 base32, lower case, as the multibase prefix "b" names it: -1 for any other character.
const BASE32 = new Int8Array(128).fill(-1)
for (const [i, c] of [...'abcdefghijklmnopqrstuvwxyz234567'].entries()) BASE32[c.charCodeAt(0)] = i

/** The byte length of a CIDv1 written in base32 ("ba…": version 1), or -1 for anything else. */
function base32CidLength(cid: string): number {
  if (cid.length < 8 || cid.charCodeAt(0) !== 0x62 || cid.charCodeAt(1) !== 0x61) return -1
  const bits = (cid.length - 1) * 5
  // Unpadded base32 leaves fewer than 5 bits over; parseCid refuses anything else.
  return bits % 8 >= 5 ? -1 : Math.floor(bits / 8)
}

/** Decodes the base32 CID into `out`; a character outside base32 throws, as parseCid would. */
function writeBase32(out: Buffer, start: number, cid: string): number {
  let at = start
  let acc = 0
  let bits = 0
  for (let i = 1; i < cid.length; i++) {
    const c = cid.charCodeAt(i)
    const v = c < 128 ? (BASE32[c] as number) : -1
    if (v < 0) throw new Error(`stored CID is not base32: ${cid}`)
    acc = ((acc << 5) | v) & 0xfff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[at++] = (acc >> bits) & 0xff
    }
  }
  return at
}

function varintLength(n: number): number {
  let len = 1
  for (let v = n; v >= 0x80; v = Math.floor(v / 128)) len++
  return len
}

function writeVarint(out: Buffer, start: number, n: number): number {
  let at = start
  let v = n
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80
    v = Math.floor(v / 128)
  }
  out[at++] = v
  return at
}

/** Unsigned LEB128, as CAR section lengths are written. */
function varint(n: number): Uint8Array {
  const out = Buffer.allocUnsafe(varintLength(n))
  writeVarint(out, 0, n)
  return out
}
