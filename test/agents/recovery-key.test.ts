// An agent that registers with a recovery key holds its identity: the key is
// first in its DID's rotation keys at a real PLC directory, so an operation
// it signs changes the DID there without this server, and the server's own
// key rotation (is.gather.agent.rotateKey) keeps working afterwards.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Secp256k1Keypair } from '@atproto/crypto'
import * as plcLib from '@did-plc/lib'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { agentDomain, ed25519Key, loginAgent, registerAgent, solve } from './helpers.js'

// @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
type Signer = Parameters<typeof plcLib.createUpdateOp>[1]

const DOMAIN = 'recovery-agents.test'
const FAST_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 20 }

let plc: TestPlc
let t: TestServer
before(async () => {
  plc = await startPlc()
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      plcRetry: FAST_RETRY,
      rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } },
    },
  })
  await agentDomain(t, DOMAIN)
})
after(async () => {
  await t?.close()
  await plc?.close()
})

test("a registered recovery key comes first in the DID's rotation keys, and it can change the DID at the directory", async () => {
  const recovery = await Secp256k1Keypair.create()
  const key = ed25519Key()
  const reg = await registerAgent(t, DOMAIN, key, { name: 'Sovereign', recoveryKey: recovery.did() })
  const data = await plc.data(reg.did)
  assert.ok(data, 'the directory knows the DID')
  assert.deepEqual(data.rotationKeys, [recovery.did(), t.ctx.plcRotationKey.did()])

  // The agent, alone, adds a key of its own to the DID's rotation keys.
  const spare = await Secp256k1Keypair.create()
  const client = new plcLib.Client(plc.url)
  const last = await client.getLastOp(reg.did)
  assert.ok(last.type !== 'plc_tombstone')
  const op = await plcLib.createUpdateOp(last, recovery as unknown as Signer, (old) => ({
    ...old,
    rotationKeys: [recovery.did(), spare.did(), ...old.rotationKeys.slice(1)],
  }))
  await client.sendOperation(reg.did, op)
  assert.deepEqual((await plc.data(reg.did))?.rotationKeys, [recovery.did(), spare.did(), t.ctx.plcRotationKey.did()])

  // The login key is the server's business, not the DID's: rotating it still works.
  const newKey = ed25519Key()
  const ch = await xrpc(t.url, 'is.gather.agent.requestKeyRotation', {
    body: { identifier: reg.did, newPublicKey: newKey.didKey },
  })
  assert.equal(ch.status, 200, JSON.stringify(ch.body))
  const rotated = await xrpc(t.url, 'is.gather.agent.rotateKey', {
    body: {
      challenge: ch.body.challenge,
      signature: await key.sign(String(ch.body.message)),
      newKeySignature: await newKey.sign(String(ch.body.message)),
    },
  })
  assert.equal(rotated.status, 200, JSON.stringify(rotated.body))
  assert.equal((await loginAgent(t, reg.did, newKey)).status, 200)
})

test('a recovery key that is not a secp256k1 or P-256 did:key is refused with 400, and no account is made', async () => {
  for (const recoveryKey of ['not-a-key', ed25519Key().didKey, 'did:key:zzzz']) {
    const ch = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain: DOMAIN } })
    assert.equal(ch.status, 200, JSON.stringify(ch.body))
    const challenge = String(ch.body.challenge)
    const res = await xrpc(t.url, 'is.gather.agent.register', {
      body: {
        challenge,
        nonce: solve(challenge, Number(ch.body.difficulty)),
        publicKey: ed25519Key().didKey,
        name: 'Bad Recovery',
        recoveryKey,
      },
    })
    assert.equal(res.status, 400, `${recoveryKey}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, 'InvalidRequest')
    assert.match(String(res.body.message), /recoveryKey/)
  }
  const taken = await xrpc(t.url, 'com.atproto.identity.resolveHandle', {
    params: { handle: `bad-recovery.${DOMAIN}` },
  })
  assert.notEqual(taken.status, 200, 'no account was made')
})
