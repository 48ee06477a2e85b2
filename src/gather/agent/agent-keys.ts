// Agents' own keys: parsing the public key an agent registers with into a
// did:key, and checking its signatures. Ed25519 (what agent frameworks
// commonly hold) is verified with node:crypto; secp256k1 and P-256 with
// @atproto/crypto, the same checks as AT Protocol commit signatures
// (compact 64-byte signature over SHA-256 of the message, low-S).
import { createPublicKey, verify as verifyEd25519 } from 'node:crypto'
import { bytesToMultibase, multibaseToBytes, parseDidKey, verifySignature } from '@atproto/crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'

export type AgentKeyType = 'ed25519' | 'secp256k1' | 'p256'

export type AgentPublicKey = { didKey: string; type: AgentKeyType }

/** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PREFIX = [0xed, 0x01]
const ED25519_BYTES = 32
const SIGNATURE_BYTES = 64
const DID_KEY = 'did:key:'

/**
 * Reads a public key as an agent sends it: a did:key of any of the three
 * types, or a bare Ed25519 key (32 bytes as base64, base64url or hex).
 * Throws InvalidRequest (InvalidPublicKey) for anything else.
 */
export function parseAgentPublicKey(input: unknown): AgentPublicKey {
  if (typeof input !== 'string' || input.length === 0 || input.length > 256) {
    throw invalidKey('publicKey must be a did:key or a base64/hex Ed25519 public key')
  }
  if (input.startsWith(DID_KEY)) return parseDidKeyString(input)
  const raw = decodeBytes(input)
  if (!raw || raw.length !== ED25519_BYTES) {
    throw invalidKey('publicKey must be a did:key, or an Ed25519 public key of 32 bytes in base64, base64url or hex')
  }
  return { didKey: ed25519DidKey(raw), type: 'ed25519' }
}

/** True when `signature` (base64, base64url or hex; 64 bytes) is `key`'s signature of `message` (UTF-8). */
export async function verifyAgentSignature(didKey: string, message: string, signature: unknown): Promise<boolean> {
  const sig = typeof signature === 'string' && signature.length <= 256 ? decodeBytes(signature) : undefined
  if (!sig || sig.length !== SIGNATURE_BYTES) return false
  const data = new TextEncoder().encode(message)
  const key = parseDidKeyString(didKey)
  try {
    if (key.type === 'ed25519') return verifyEd25519(null, data, ed25519KeyObject(didKey), sig)
    return await verifySignature(didKey, data, sig)
  } catch {
    return false
  }
}

export function ed25519DidKey(raw: Uint8Array): string {
  return `${DID_KEY}${bytesToMultibase(new Uint8Array([...ED25519_PREFIX, ...raw]), 'base58btc')}`
}

function parseDidKeyString(didKey: string): AgentPublicKey {
  const multikey = didKey.slice(DID_KEY.length)
  if (!multikey.startsWith('z')) throw invalidKey('a did:key must be base58btc multibase (z…)')
  let prefixed: Uint8Array
  try {
    prefixed = multibaseToBytes(multikey)
  } catch {
    throw invalidKey('the did:key is not valid base58btc')
  }
  if (prefixed[0] === ED25519_PREFIX[0] && prefixed[1] === ED25519_PREFIX[1]) {
    if (prefixed.length !== ED25519_PREFIX.length + ED25519_BYTES) throw invalidKey('an Ed25519 key is 32 bytes')
    try {
      ed25519KeyObject(didKey)
    } catch {
      throw invalidKey('not a valid Ed25519 public key')
    }
    return { didKey, type: 'ed25519' }
  }
  try {
    const { jwtAlg } = parseDidKey(didKey)
    return { didKey, type: jwtAlg === 'ES256K' ? 'secp256k1' : 'p256' }
  } catch {
    throw invalidKey('the did:key is not an Ed25519, secp256k1 or P-256 public key')
  }
}

function ed25519KeyObject(didKey: string) {
  const raw = multibaseToBytes(didKey.slice(DID_KEY.length)).slice(ED25519_PREFIX.length)
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  })
}

/** Hex (of a key or a signature), base64 or base64url to bytes; undefined when it is none of them. */
function decodeBytes(s: string): Uint8Array | undefined {
  if ((s.length === ED25519_BYTES * 2 || s.length === SIGNATURE_BYTES * 2) && /^[0-9a-fA-F]+$/.test(s)) {
    return new Uint8Array(Buffer.from(s, 'hex'))
  }
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(s) || /^[A-Za-z0-9_-]+$/.test(s)) {
    const bytes = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    return bytes.length > 0 ? new Uint8Array(bytes) : undefined
  }
  return undefined
}

function invalidKey(message: string): InvalidRequestError {
  return new InvalidRequestError(message, 'InvalidPublicKey')
}
