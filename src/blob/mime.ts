// What a blob really is, from its first bytes. A client's Content-Type is a
// claim; for the formats clients embed (images, video, audio, PDF) the bytes
// decide, so a PNG cannot be served as text/html and vice versa.

type Signature = { mime: string; offset: number; bytes: number[] }

const SIGNATURES: Signature[] = [
  { mime: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/gif', offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] },
  { mime: 'image/bmp', offset: 0, bytes: [0x42, 0x4d] },
  { mime: 'application/pdf', offset: 0, bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'video/webm', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { mime: 'audio/mpeg', offset: 0, bytes: [0x49, 0x44, 0x33] },
  { mime: 'audio/ogg', offset: 0, bytes: [0x4f, 0x67, 0x67, 0x53] },
  { mime: 'audio/flac', offset: 0, bytes: [0x66, 0x4c, 0x61, 0x43] },
]

/** ISO base media (`ftyp` box) brands we recognise. */
const FTYP_BRANDS: Record<string, string> = {
  avif: 'image/avif',
  avis: 'image/avif',
  heic: 'image/heic',
  heix: 'image/heic',
  mif1: 'image/heif',
  qt: 'video/quicktime',
  isom: 'video/mp4',
  iso2: 'video/mp4',
  mp41: 'video/mp4',
  mp42: 'video/mp4',
  avc1: 'video/mp4',
  dash: 'video/mp4',
  M4V: 'video/x-m4v',
  M4A: 'audio/mp4',
}

function startsWith(bytes: Uint8Array, offset: number, sig: number[]): boolean {
  if (bytes.length < offset + sig.length) return false
  return sig.every((b, i) => bytes[offset + i] === b)
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end))
}

/** The MIME type the bytes show, or undefined when they are not a format we know. */
export function sniffMime(bytes: Uint8Array): string | undefined {
  for (const sig of SIGNATURES) if (startsWith(bytes, sig.offset, sig.bytes)) return sig.mime
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF') {
    const kind = ascii(bytes, 8, 12)
    if (kind === 'WEBP') return 'image/webp'
    if (kind === 'WAVE') return 'audio/wav'
    if (kind === 'AVI ') return 'video/x-msvideo'
  }
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12).trim()
    return FTYP_BRANDS[brand] ?? 'video/mp4'
  }
  return undefined
}

const MIME_SYNTAX = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/

/** A client's Content-Type without parameters, if it is a well-formed type/subtype. */
export function normalizeDeclaredMime(contentType: string | undefined): string | undefined {
  const bare = contentType?.split(';')[0]?.trim().toLowerCase()
  return bare && MIME_SYNTAX.test(bare) ? bare : undefined
}

/**
 * The type to store: what the bytes show when we recognise them, otherwise the
 * client's well-formed claim, otherwise application/octet-stream.
 */
export function blobMime(bytes: Uint8Array, contentType: string | undefined): string {
  return sniffMime(bytes) ?? normalizeDeclaredMime(contentType) ?? 'application/octet-stream'
}
