// The repo signing keypair signs through libsecp256k1: its signatures must be
// @atproto/crypto's, byte for byte (RFC 6979 nonce, low S, 64 bytes r‖s), and
// verify as atproto signatures.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { describe, it } from 'node:test'
import { Secp256k1Keypair, verifySignature } from '@atproto/crypto'
import { FastSecp256k1Keypair } from '../../src/repo/secp256k1-keypair.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'

describe('FastSecp256k1Keypair', () => {
  it('signs exactly as @atproto/crypto does, and the signatures verify', async () => {
    for (let k = 0; k < 20; k++) {
      const reference = await Secp256k1Keypair.create({ exportable: true })
      const fast = FastSecp256k1Keypair.fromPrivateKey(await reference.export())
      assert.equal(fast.did(), reference.did())
      for (let m = 0; m < 10; m++) {
        const msg = randomBytes(1 + ((k * 37 + m * 101) % 600))
        const sig = await fast.sign(msg)
        assert.equal(sig.length, 64)
        assert.deepEqual(Buffer.from(sig), Buffer.from(await reference.sign(msg)))
        assert.equal(await verifySignature(fast.did(), msg, sig), true)
      }
    }
  })

  it('is what the vault gives back, exportable, with the key it sealed', async () => {
    const vault = new SigningKeyVault(randomBytes(32).toString('hex'))
    const { keypair, sealed } = await vault.generate()
    assert.ok(keypair instanceof FastSecp256k1Keypair)
    const opened = await vault.open(sealed)
    assert.ok(opened instanceof FastSecp256k1Keypair)
    assert.deepEqual(Buffer.from(await opened.export()), Buffer.from(await keypair.export()))
    assert.equal(opened.did(), keypair.did())
    const msg = Buffer.from('a commit')
    assert.deepEqual(Buffer.from(await opened.sign(msg)), Buffer.from(await keypair.sign(msg)))
  })
})
