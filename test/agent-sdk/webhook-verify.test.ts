// verifyWebhook, as an agent receiving deliveries runs it: Standard Webhooks
// v1a (Ed25519) over "<id>.<timestamp>.<body>", with the key as
// is.gather.webhook.getSigningKey gives it (whpk_ and base64). A good
// delivery passes; a tampered body, another key's signature and an old
// timestamp do not.
import assert from 'node:assert/strict'
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { test } from 'node:test'
import { verifyWebhook, WebhookVerificationError } from '../../packages/agent/src/index.ts'

function signingKey(): { privateKey: KeyObject; whpk: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
  return { privateKey, whpk: `whpk_${raw.toString('base64')}` }
}

function delivery(privateKey: KeyObject, body: string, timestamp = Math.floor(Date.now() / 1000)) {
  const id = 'msg_2b7fQ1'
  const sig = sign(null, Buffer.from(`${id}.${timestamp}.${body}`), privateKey).toString('base64')
  return {
    headers: { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1a,${sig}` },
    body,
  }
}

const refused = (message: RegExp) => (err: unknown) => {
  assert.ok(err instanceof WebhookVerificationError)
  assert.match(err.message, message)
  return true
}

const body = JSON.stringify({ reason: 'order', uri: 'at://did:plc:abc/is.gather.shop.order/3k' })

test('a delivery signed with the key verifies, from plain headers, a Headers object or bytes, and gives its payload', () => {
  const key = signingKey()
  const d = delivery(key.privateKey, body)
  assert.deepEqual(verifyWebhook(d, key.whpk), JSON.parse(body))
  assert.deepEqual(
    verifyWebhook({ headers: new Headers(d.headers), body: Buffer.from(body) }, key.whpk),
    JSON.parse(body),
  )
  // One good signature among several (a key being rotated) is enough; other schemes are passed over.
  const other = signingKey()
  const mixed = `v1,abc v1a,${delivery(other.privateKey, body).headers['webhook-signature'].slice(4)} ${d.headers['webhook-signature']}`
  assert.ok(verifyWebhook({ headers: { ...d.headers, 'webhook-signature': mixed }, body }, key.whpk))
})

test('a tampered body, another key, an old or future timestamp, or missing headers are refused', () => {
  const key = signingKey()
  const d = delivery(key.privateKey, body)
  assert.throws(
    () => verifyWebhook({ ...d, body: body.replace('order', 'vote') }, key.whpk),
    refused(/no v1a signature/),
  )
  assert.throws(() => verifyWebhook(d, signingKey().whpk), refused(/no v1a signature/))
  const old = delivery(key.privateKey, body, Math.floor(Date.now() / 1000) - 600)
  assert.throws(() => verifyWebhook(old, key.whpk), refused(/more than 300 seconds/))
  assert.ok(verifyWebhook(old, key.whpk, { toleranceSeconds: 900 }), 'a wider tolerance takes it')
  const future = delivery(key.privateKey, body, Math.floor(Date.now() / 1000) + 600)
  assert.throws(() => verifyWebhook(future, key.whpk), refused(/more than 300 seconds/))
  // The timestamp is signed: moving it forward breaks the signature.
  const moved = {
    ...d,
    headers: { ...d.headers, 'webhook-timestamp': String(Number(d.headers['webhook-timestamp']) + 1) },
  }
  assert.throws(() => verifyWebhook(moved, key.whpk), refused(/no v1a signature/))
  assert.throws(() => verifyWebhook({ headers: {}, body }, key.whpk), refused(/missing/))
  assert.throws(() => verifyWebhook(d, 'whpk_short'), TypeError)
})
