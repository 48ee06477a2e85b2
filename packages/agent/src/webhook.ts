// Verifying a webhook delivery as Standard Webhooks v1a (Ed25519) signs it:
// the signed content is "<webhook-id>.<webhook-timestamp>.<body>", the
// webhook-signature header holds one or more space-separated "v1a,<base64>",
// and the public key is "whpk_<base64 of the 32-byte key>", as
// is.gather.webhook.getSigningKey gives it. The timestamp must be recent, so
// a captured delivery cannot be replayed later.
import { createPublicKey, type KeyObject, verify } from 'node:crypto'

export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>

export type WebhookRequest = {
  headers: WebhookHeaders
  /** The body exactly as received: parsing and re-serializing it would change the bytes signed. */
  body: string | Uint8Array
}

export type VerifyOptions = {
  /** How far the timestamp may be from now, either way (default 300 seconds). */
  toleranceSeconds?: number
  /** The time to check against (default: now). */
  now?: Date
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookVerificationError'
  }
}

const KEY_PREFIX = 'whpk_'
const SCHEME = 'v1a'
const ED25519_BYTES = 32
const DEFAULT_TOLERANCE_SECONDS = 300

/** Checks a delivery's signature and age; returns its JSON payload, or throws WebhookVerificationError. */
export function verifyWebhook(req: WebhookRequest, publicKey: string, opts: VerifyOptions = {}): unknown {
  const key = webhookPublicKey(publicKey)
  const id = header(req.headers, 'webhook-id')
  const timestamp = header(req.headers, 'webhook-timestamp')
  const signatures = header(req.headers, 'webhook-signature')
  if (!id || !timestamp || !signatures) {
    throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature')
  }
  if (!/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('webhook-timestamp is not a number of seconds')
  const tolerance = opts.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000)
  if (Math.abs(now - Number(timestamp)) > tolerance) {
    throw new WebhookVerificationError(`webhook-timestamp is more than ${tolerance} seconds from now`)
  }
  const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body)
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body])
  const valid = signatures.split(' ').some((entry) => {
    const [scheme, sig] = entry.split(',', 2)
    if (scheme !== SCHEME || !sig) return false
    const bytes = Buffer.from(sig, 'base64')
    return bytes.length === 64 && verify(null, signed, key, bytes)
  })
  if (!valid) throw new WebhookVerificationError('no v1a signature matches')
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    throw new WebhookVerificationError('the body is not JSON')
  }
}

function webhookPublicKey(publicKey: string): KeyObject {
  const raw = publicKey.startsWith(KEY_PREFIX) ? Buffer.from(publicKey.slice(KEY_PREFIX.length), 'base64') : undefined
  if (!raw || raw.length !== ED25519_BYTES) {
    throw new TypeError('the public key must be whpk_ and 32 bytes of Ed25519 key in base64')
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' })
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1]
  return Array.isArray(entry) ? entry.join(' ') : (entry as string | undefined)
}
