// Per-account secp256k1 repo signing keys, encrypted at rest with AES-256-GCM
// under the server's key encryption key: a database dump alone cannot sign.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Secp256k1Keypair } from '@atproto/crypto'
import { FastSecp256k1Keypair } from './secp256k1-keypair.js'

const VERSION = 1

export class SigningKeyVault {
  private readonly key: Buffer

  constructor(keyEncryptionKeyHex: string) {
    this.key = Buffer.from(keyEncryptionKeyHex, 'hex')
    if (this.key.length !== 32) throw new Error('keyEncryptionKey must be 32 bytes of hex')
  }

  async generate(): Promise<{ keypair: Secp256k1Keypair; sealed: Uint8Array }> {
    const keypair = await FastSecp256k1Keypair.generate()
    return { keypair, sealed: this.seal(await keypair.export()) }
  }

  /** version(1) | iv(12) | tag(16) | ciphertext */
  seal(privateKey: Uint8Array): Uint8Array {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const body = Buffer.concat([cipher.update(privateKey), cipher.final()])
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body])
  }

  async open(sealed: Uint8Array): Promise<Secp256k1Keypair> {
    const buf = Buffer.from(sealed)
    if (buf[0] !== VERSION) throw new Error(`unknown signing key format ${buf[0]}`)
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(1, 13))
    decipher.setAuthTag(buf.subarray(13, 29))
    const privateKey = Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()])
    return FastSecp256k1Keypair.fromPrivateKey(privateKey)
  }
}
