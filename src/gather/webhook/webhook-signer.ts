// Signing webhook deliveries as Standard Webhooks (standardwebhooks.com) signs
// them with an asymmetric key: Ed25519 over "<webhook-id>.<webhook-timestamp>.<body>",
// sent as `webhook-signature: v1a,<base64>`. The key is derived from the JWT
// secret (HKDF, its own `info`), so every process signs with the same key and
// receivers verify with the one public key is.gather.webhook.getSigningKey gives.
import { createPrivateKey, createPublicKey, hkdfSync, type KeyObject, sign, verify } from 'node:crypto'
import { base58btc } from 'multiformats/bases/base58'

/** What Standard Webhooks calls the public key's prefix. */
const PUBLIC_KEY_PREFIX = 'whpk_'
const SIGNATURE_VERSION = 'v1a'
/** PKCS#8 DER of an Ed25519 private key, up to its 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
/** The multicodec of an Ed25519 public key (0xed, as a varint), which a did:key starts with. */
const ED25519_MULTICODEC = [0xed, 0x01]

export type WebhookHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** The public key in each form a receiver may want. */
export type WebhookPublicKey = {
  algorithm: 'ed25519'
  /** whpk_ and the raw 32 bytes in base64. */
  publicKey: string
  didKey: string
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string }
}

export class WebhookSigner {
  private readonly privateKey: KeyObject
  readonly publicKey: WebhookPublicKey

  constructor(jwtSecret: string) {
    const seed = Buffer.from(hkdfSync('sha256', jwtSecret, 'primal-pds', 'webhook-signing-ed25519', 32))
    this.privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    })
    const jwk = createPublicKey(this.privateKey).export({ format: 'jwk' }) as { x: string }
    const raw = Buffer.from(jwk.x, 'base64url')
    this.publicKey = {
      algorithm: 'ed25519',
      publicKey: `${PUBLIC_KEY_PREFIX}${raw.toString('base64')}`,
      didKey: `did:key:${base58btc.encode(new Uint8Array([...ED25519_MULTICODEC, ...raw]))}`,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    }
  }

  /** The headers of one delivery of `body` (its content type aside). */
  headers(id: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): WebhookHeaders {
    const timestamp = String(timestampSeconds)
    const signature = sign(null, Buffer.from(signedContent(id, timestamp, body), 'utf8'), this.privateKey)
    return {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': `${SIGNATURE_VERSION},${signature.toString('base64')}`,
    }
  }
}

/** The id of a delivery: the same on every attempt, so a receiver can tell a retry from a new event. */
export function deliveryId(webhookId: string, seq: number | string, idx: number): string {
  return `${webhookId}_${seq}_${idx}`
}

function signedContent(id: string, timestamp: string, body: string): string {
  return `${id}.${timestamp}.${body}`
}

/**
 * Whether `signatureHeader` (space-separated `version,signature` pairs, as
 * Standard Webhooks allows several) holds a v1a signature of this delivery by
 * `publicKey` (whpk_…). Pure: the timestamp's freshness is the receiver's to check.
 */
export function verifyWebhookSignature(
  d: { id: string; timestamp: string; body: string; signatureHeader: string },
  publicKey: string,
): boolean {
  if (!publicKey.startsWith(PUBLIC_KEY_PREFIX)) return false
  const raw = Buffer.from(publicKey.slice(PUBLIC_KEY_PREFIX.length), 'base64')
  if (raw.length !== 32) return false
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
  const content = Buffer.from(signedContent(d.id, d.timestamp, d.body), 'utf8')
  for (const part of d.signatureHeader.split(' ')) {
    const comma = part.indexOf(',')
    if (comma < 0 || part.slice(0, comma) !== SIGNATURE_VERSION) continue
    const signature = Buffer.from(part.slice(comma + 1), 'base64')
    if (signature.length === 64 && verify(null, content, key, signature)) return true
  }
  return false
}
