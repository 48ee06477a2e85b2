// A real crash in the middle of importRepo: the server process is SIGKILLed
// while its import transaction has written the blocks and records and waits
// (on a table lock this test holds) to write the blob uses. Postgres undoes
// the transaction, so after a restart the account holds nothing of the CAR;
// the same import retried lands whole, once, and a third is a no-op.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createServiceJwt } from '@atproto/xrpc-server'
import pg from 'pg'
import { type ChildPds, childPds } from '../helpers/child-pds.js'
import { foreignDid, foreignRepo } from '../helpers/foreign-account.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { adminQuery, urlFor } from '../helpers/postgres.js'
import type { ServerProcess } from '../helpers/process.js'
import { xrpc } from '../helpers/xrpc.js'

const POSTS = 400

let plc: TestPlc
let pds: ChildPds
before(async () => {
  plc = await startPlc()
  pds = await childPds({ plcEndpoint: plc.url, registrationOpen: true, invites: { required: false } })
})
after(async () => {
  await pds?.dispose()
  await plc?.close()
})

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function importCar(url: string, accessJwt: string, car: Uint8Array) {
  return fetch(`${url}/xrpc/com.atproto.repo.importRepo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessJwt}`, 'content-type': 'application/vnd.ipld.car' },
    body: Buffer.from(car),
  })
}

async function accountStatus(url: string, accessJwt: string) {
  const res = await xrpc(url, 'com.atproto.server.checkAccountStatus', { auth: accessJwt })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body
}

test('an import killed mid-transaction leaves nothing, and the retry lands it whole, once', async () => {
  let proc: ServerProcess = await pds.start()
  const added = await xrpc(proc.url, 'host.primal.pds.addDomain', {
    auth: pds.adminKey,
    body: { domain: 'crash.test' },
  })
  assert.equal(added.status, 200, JSON.stringify(added.body))
  const tenantDb = await pds.tenantDb('crash.test')
  const f = await foreignDid(plc.url)
  const old = await foreignRepo(f.did, f.signing, {}, POSTS)
  const serviceDid = String((await xrpc(proc.url, 'com.atproto.server.describeServer')).body.did)
  const jwt = await createServiceJwt({
    iss: f.did,
    aud: serviceDid,
    lxm: 'com.atproto.server.createAccount',
    keypair: f.signing,
  })
  const password = 'moving in password'
  const created = await xrpc(proc.url, 'com.atproto.server.createAccount', {
    auth: jwt,
    body: { did: f.did, handle: 'mover.crash.test', password },
  })
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const empty = await accountStatus(proc.url, String(created.body.accessJwt))

  const tenant = new pg.Client({ connectionString: urlFor(tenantDb) })
  await tenant.connect()
  try {
    // The import's transaction writes record_blob last: holding that table stops it there, all else written.
    await tenant.query('begin')
    await tenant.query('lock table record_blob in access exclusive mode')
    const doomed = importCar(proc.url, String(created.body.accessJwt), old.car).catch(() => undefined)
    await until('the import to wait on record_blob', async () => {
      const rows = await adminQuery<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = $1 and wait_event_type = 'Lock' and query ilike '%record_blob%'`,
        [tenantDb],
      )
      return rows[0]?.n === 1
    })
    await proc.kill('SIGKILL')
    await doomed
    await tenant.query('rollback')
  } finally {
    await tenant.end()
  }

  proc = await pds.start()
  const login = await xrpc(proc.url, 'com.atproto.server.createSession', {
    body: { identifier: f.did, password },
  })
  assert.equal(login.status, 200, JSON.stringify(login.body))
  const accessJwt = String(login.body.accessJwt)
  // Nothing of the killed import stayed.
  assert.deepEqual(await accountStatus(proc.url, accessJwt), empty)

  const retried = await importCar(proc.url, accessJwt, old.car)
  assert.equal(retried.status, 200, await retried.text())
  const landed = await accountStatus(proc.url, accessJwt)
  assert.deepEqual(
    [landed.repoCommit, landed.repoRev, landed.indexedRecords, landed.expectedBlobs],
    [old.cid, old.rev, POSTS + 2, 1],
  )
  const again = await importCar(proc.url, accessJwt, old.car)
  assert.equal(again.status, 200, await again.text())
  assert.deepEqual(await accountStatus(proc.url, accessJwt), landed)
})
