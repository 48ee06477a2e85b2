// Activation checks the DID at a real PLC directory, as the official PDS
// does: once the user has pointed their DID elsewhere with their own recovery
// key, checkAccountStatus says `validDid: false` and activateAccount is
// refused with the official's message; pointed back here, it activates.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import * as plcLib from '@did-plc/lib'
import { refusal } from '../admin/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const PASSWORD = 'long enough password'

let plc: TestPlc
let t: TestServer
before(async () => {
  plc = await startPlc()
  t = await startTestServer({ config: { plcEndpoint: plc.url, registrationOpen: true } })
  await addDomain(t, 'moving.test')
})
after(async () => {
  await t?.close()
  await plc?.close()
})

type Signer = Parameters<typeof plcLib.updatePdsOp>[1]

/** Points the DID's PDS at `endpoint` with the user's own rotation key, at the directory. */
async function movePds(did: string, recovery: Secp256k1Keypair, endpoint: string): Promise<void> {
  const client = new plcLib.Client(plc.url)
  const last = await client.getLastOp(did)
  assert.ok(last.type !== 'plc_tombstone')
  // @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
  await client.sendOperation(did, await plcLib.updatePdsOp(last, recovery as unknown as Signer, endpoint))
}

test('a DID pointed elsewhere is not valid here, and its account cannot be activated until it points back', async () => {
  const recovery = await Secp256k1Keypair.create()
  const res = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'nomad.moving.test', password: PASSWORD, recoveryKey: recovery.did() },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const did = res.body.did as string
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: did, password: PASSWORD })
  assert.equal((await agent.com.atproto.server.checkAccountStatus()).data.validDid, true)

  await agent.com.atproto.server.deactivateAccount({})
  await movePds(did, recovery, 'https://pds.elsewhere.example')
  const checked = await agent.com.atproto.server.checkAccountStatus()
  assert.deepEqual([checked.data.activated, checked.data.validDid], [false, false])
  const refused = await refusal(agent.com.atproto.server.activateAccount())
  assert.deepEqual(refused, { status: 400, error: 'InvalidRequest' })
  const message = await xrpc(t.url, 'com.atproto.server.activateAccount', {
    post: true,
    auth: agent.session?.accessJwt,
  })
  assert.equal(message.body.message, 'DID document atproto_pds service endpoint does not match PDS public url')
  assert.equal((await agent.com.atproto.sync.getRepoStatus({ did })).data.status, 'deactivated')

  await movePds(did, recovery, t.ctx.config.serviceURL)
  assert.equal((await agent.com.atproto.server.checkAccountStatus()).data.validDid, true)
  await agent.com.atproto.server.activateAccount()
  assert.equal((await agent.com.atproto.sync.getRepoStatus({ did })).data.active, true)
})
