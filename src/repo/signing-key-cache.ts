// Decrypted signing keys of recently active accounts. Opening a sealed key
// (AES-GCM plus deriving the public point) on every write would be wasted
// CPU; the cache is keyed by the sealed bytes too, so a replaced key is never
// served stale.
import type { Secp256k1Keypair } from '@atproto/crypto'
import type { SigningKeyVault } from './signing-key-vault.js'

export class SigningKeyCache {
  private readonly entries = new Map<string, { sealed: string; keypair: Secp256k1Keypair }>()

  constructor(
    private readonly vault: SigningKeyVault,
    private readonly capacity = 10_000,
  ) {}

  async open(did: string, sealed: Uint8Array): Promise<Secp256k1Keypair> {
    const sealedKey = Buffer.from(sealed).toString('base64')
    const hit = this.entries.get(did)
    if (hit && hit.sealed === sealedKey) {
      // Re-insert so Map order is least recently used first.
      this.entries.delete(did)
      this.entries.set(did, hit)
      return hit.keypair
    }
    const keypair = await this.vault.open(sealed)
    this.entries.delete(did)
    this.entries.set(did, { sealed: sealedKey, keypair })
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
    return keypair
  }

  forget(did: string): void {
    this.entries.delete(did)
  }
}
