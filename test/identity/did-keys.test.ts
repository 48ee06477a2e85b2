// The keys a did:plc has had, read from its log at a real PLC directory
// (@did-plc/server): newest first, without the ops a recovery nullified, and
// a clear error for a DID the directory does not know or cannot give.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Secp256k1Keypair } from '@atproto/crypto'
import type { XRPCError } from '@atproto/xrpc-server'
import * as plcLib from '@did-plc/lib'
import { DidKeys } from '../../src/identity/did-keys.js'
import { PlcClient } from '../../src/identity/plc-client.js'
import { submitPlcOp } from '../helpers/foreign-account.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { unusedLocalUrl } from '../helpers/xrpc.js'

const FAST_RETRY = { attempts: 2, initialDelayMs: 10, maxDelayMs: 20 }
// These tests read only the directory's log; a document lookup would be a mistake.
const noDocuments = { didDoc: () => Promise.reject(new Error('no document lookups here')) }

let plc: TestPlc
before(async () => {
  plc = await startPlc()
})
after(async () => {
  await plc?.close()
})

const keys = () => Promise.all([1, 2, 3].map(() => Secp256k1Keypair.create()))

test("a did:plc's signing keys, newest first, without the ones a recovery undid", async () => {
  const [high, low] = await keys()
  const [a, b, c] = await keys()
  const { did, op: genesis } = await plcLib.createOp({
    signingKey: a.did(),
    rotationKeys: [high.did(), low.did()],
    handle: 'history.test',
    pds: 'https://elsewhere.example',
    signer: high as never,
  })
  await submitPlcOp(plc.url, did, genesis)
  const didKeys = new DidKeys(noDocuments, new PlcClient(plc.url, FAST_RETRY))
  const withKey = (prev: plcLib.CompatibleOp, signer: Secp256k1Keypair, key: string) =>
    plcLib.createUpdateOp(prev, signer as never, (n) => ({ ...n, verificationMethods: { atproto: key } }))

  // The lower rotation key names B; the DID has had A, then B.
  const toB = await withKey(genesis, low, b.did())
  await submitPlcOp(plc.url, did, toB)
  assert.deepEqual(await didKeys.signingKeysEver(did), [b.did(), a.did()])

  // The higher one undoes that (an op on the genesis) and names C: B is no longer a key the DID had.
  await submitPlcOp(plc.url, did, await withKey(genesis, high, c.did()))
  assert.deepEqual(await didKeys.signingKeysEver(did), [c.did(), a.did()])
})

test('a DID the directory does not know is DidNotFound; a directory that cannot be reached is UpstreamFailure', async () => {
  const unknown = 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'
  await assert.rejects(new DidKeys(noDocuments, new PlcClient(plc.url, FAST_RETRY)).signingKeysEver(unknown), (err) => {
    assert.deepEqual([(err as XRPCError).type, (err as XRPCError).customErrorName], [400, 'DidNotFound'])
    return true
  })
  const gone = new DidKeys(noDocuments, new PlcClient(await unusedLocalUrl(), FAST_RETRY))
  await assert.rejects(gone.signingKeysEver(unknown), (err) => {
    assert.equal((err as XRPCError).type, 502)
    return true
  })
})
