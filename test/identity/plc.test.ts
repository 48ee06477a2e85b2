// Every DID is a real did:plc: the stored genesis op is signed by the
// server's rotation key, hashes to the DID, names the account's signing key,
// handle and PDS endpoint, and carries the user's recovery key first.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Secp256k1Keypair } from '@atproto/crypto'
import { verifyGenesis } from '../../src/identity/plc.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await t.ctx.domains.add({ domain: 'plc.test' })
})
after(() => t?.close())

test('the DID is derived from a valid signed genesis operation', async () => {
  const recovery = await Secp256k1Keypair.create()
  const created = await t.ctx.accounts.create({
    handle: 'carol.plc.test',
    password: 'long enough password',
    recoveryKey: recovery.did(),
  })
  const located = await t.ctx.accounts.mustLocate(created.did)
  const row = await t.ctx.storage.read(located.db_name, (r) => r.accounts.get(created.did))
  assert.ok(row)
  const op = row.plc_op as {
    rotationKeys: string[]
    verificationMethods: { atproto: string }
    alsoKnownAs: string[]
    services: { atproto_pds: { endpoint: string } }
    prev: null
  }
  await verifyGenesis(created.did, op)
  assert.equal(op.prev, null)
  assert.deepEqual(op.rotationKeys, [recovery.did(), t.ctx.plcRotationKey.did()])
  assert.deepEqual(op.alsoKnownAs, ['at://carol.plc.test'])
  assert.equal(op.services.atproto_pds.endpoint, t.ctx.config.serviceURL)
  // The signing key in the op is the account's own, kept encrypted at rest.
  const vault = new SigningKeyVault(t.ctx.config.keyEncryptionKey)
  const signingKey = await vault.open(row.signing_key)
  assert.equal(op.verificationMethods.atproto, signingKey.did())
  assert.ok(!Buffer.from(row.signing_key).includes(Buffer.from(await signingKey.export())))
  // A tampered op does not verify against the DID.
  await assert.rejects(verifyGenesis(created.did, { ...op, alsoKnownAs: ['at://mallory.plc.test'] }))
})

test('a recovery key that is not a did:key is refused', async () => {
  await assert.rejects(
    t.ctx.accounts.create({ handle: 'dave.plc.test', password: 'long enough password', recoveryKey: 'nope' }),
    /recoveryKey must be a did:key/,
  )
  assert.equal(await t.ctx.registry.handleTaken('dave.plc.test'), false)
})
