// The agent's keys. Its login key is Ed25519 (node:crypto), kept as a JWK;
// the server verifies its signature of the login message's UTF-8 bytes. Its
// optional recovery key is secp256k1 (@atproto/crypto), the kind PLC takes as
// a rotation key: with it the agent can change or move its DID on its own.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
} from 'node:crypto'
import { Secp256k1Keypair } from '@atproto/crypto'
import { base58btc } from 'multiformats/bases/base58'

/** What signs login and key-rotation messages: any key the server accepts can stand behind it. */
export type Signer = {
  /** The public key as a did:key. */
  didKey: string
  /** The signature of `message` (UTF-8), base64. */
  sign(message: string): Promise<string>
}

/** The Ed25519 login key the SDK makes and keeps. */
export type LoginKey = Signer & {
  /** The private key as a JWK (OKP, Ed25519), to store. */
  jwk: JsonWebKey
}

export type RecoveryKey = {
  didKey: string
  /** The 32-byte private key, hex, to store. */
  privateKeyHex: string
  keypair: Secp256k1Keypair
}

const ED25519_MULTICODEC = [0xed, 0x01]

export function generateLoginKey(): LoginKey {
  return loginKeyFrom(generateKeyPairSync('ed25519').privateKey)
}

/** A login key from a stored private JWK, or PKCS8 (PEM or DER). */
export function importLoginKey(stored: JsonWebKey | string | Uint8Array): LoginKey {
  const key =
    typeof stored === 'string' || stored instanceof Uint8Array
      ? createPrivateKey(
          typeof stored === 'string' ? stored : { key: Buffer.from(stored), format: 'der', type: 'pkcs8' },
        )
      : createPrivateKey({ key: stored, format: 'jwk' })
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError('the login key must be an Ed25519 private key')
  return loginKeyFrom(key)
}

export function ed25519DidKey(raw: Uint8Array): string {
  return `did:key:${base58btc.encode(new Uint8Array([...ED25519_MULTICODEC, ...raw]))}`
}

function loginKeyFrom(privateKey: KeyObject): LoginKey {
  const raw = Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x as string, 'base64url')
  return {
    didKey: ed25519DidKey(raw),
    jwk: privateKey.export({ format: 'jwk' }),
    sign: async (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  }
}

export async function generateRecoveryKey(): Promise<RecoveryKey> {
  return recoveryKeyFrom(await Secp256k1Keypair.create({ exportable: true }))
}

export async function importRecoveryKey(privateKeyHex: string): Promise<RecoveryKey> {
  return recoveryKeyFrom(await Secp256k1Keypair.import(privateKeyHex, { exportable: true }))
}

async function recoveryKeyFrom(keypair: Secp256k1Keypair): Promise<RecoveryKey> {
  return { didKey: keypair.did(), privateKeyHex: Buffer.from(await keypair.export()).toString('hex'), keypair }
}
