// The repo signing keypair: @atproto/crypto's Secp256k1Keypair (its did:key,
// public key and export), signing through libsecp256k1 (tiny-secp256k1, as
// WebAssembly) instead of @noble/curves. Both sign the SHA-256 of the message
// with an RFC 6979 nonce and a low S, so the signatures are the same bytes
// (test/repo/secp256k1-keypair.test.ts); this one takes about a third of the
// time, and a commit's signature was a tenth of a write's CPU.
import { createHash } from 'node:crypto'
import { Secp256k1Keypair } from '@atproto/crypto'
import { sign } from 'tiny-secp256k1'

export class FastSecp256k1Keypair extends Secp256k1Keypair {
  private readonly secret: Uint8Array

  private constructor(privateKey: Uint8Array) {
    super(privateKey, true)
    this.secret = privateKey
  }

  /** The keypair of a 32-byte private key, exportable. */
  static fromPrivateKey(privateKey: Uint8Array): FastSecp256k1Keypair {
    return new FastSecp256k1Keypair(Uint8Array.from(privateKey))
  }

  static async generate(): Promise<FastSecp256k1Keypair> {
    return FastSecp256k1Keypair.fromPrivateKey(await (await Secp256k1Keypair.create({ exportable: true })).export())
  }

  override async sign(msg: Uint8Array): Promise<Uint8Array> {
    return sign(createHash('sha256').update(msg).digest(), this.secret)
  }
}
