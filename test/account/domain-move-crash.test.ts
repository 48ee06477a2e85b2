// A real crash in the middle of a move between domains: the server process is
// SIGKILLed while the move waits on a row lock this test holds in a separate
// connection, then started again on the same databases. Killed before the
// switch of the home, the account is back in a, whole (and a retry moves it);
// killed after, the restart finishes the move into b. Never on both sides,
// never on neither.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { type ChildAccount, type ChildPds, childPds, createAccounts } from '../helpers/child-pds.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { urlFor } from '../helpers/postgres.js'
import type { ServerProcess } from '../helpers/process.js'
import { xrpc } from '../helpers/xrpc.js'

let plc: TestPlc
let pds: ChildPds
let proc: ServerProcess
let accounts: ChildAccount[]

before(async () => {
  plc = await startPlc()
  pds = await childPds({ plcEndpoint: plc.url, registrationOpen: true, invites: { required: false } })
  proc = await pds.start()
  accounts = await createAccounts(proc.url, pds.adminKey, { 'a.test': ['early', 'late'], 'b.test': [] })
})
after(async () => {
  await pds?.dispose()
  await plc?.close()
})

async function connect(db: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: urlFor(db) })
  await client.connect()
  return client
}

async function count(db: string, sql: string, did: string): Promise<number> {
  const client = await connect(db)
  try {
    return Number((await client.query(sql, [did])).rows[0]?.n)
  } finally {
    await client.end()
  }
}

/** Rows of `did` in a tenant's account, repo_root and record tables. */
async function rowsIn(db: string, did: string): Promise<number> {
  let n = 0
  for (const table of ['account', 'repo_root', 'record', 'repo_block']) {
    n += await count(db, `select count(*) as n from ${table} where did = $1`, did)
  }
  return n
}

/** Resolves once some session of database `db` waits for a lock while running a statement on `table`. */
async function blockedOn(db: string, table: string): Promise<void> {
  const admin = await connect(pds.dbName)
  try {
    const deadline = Date.now() + 30_000
    for (;;) {
      const { rows } = await admin.query(
        `select 1 from pg_stat_activity where datname = $1 and wait_event_type = 'Lock' and query ilike $2`,
        [db, `%${table}%`],
      )
      if (rows.length > 0) return
      if (Date.now() > deadline) throw new Error(`nothing blocked on ${table} in ${db}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    await admin.end()
  }
}

async function post(url: string, account: ChildAccount, text: string) {
  return xrpc(url, 'com.atproto.repo.createRecord', {
    auth: account.accessJwt,
    body: {
      repo: account.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
    },
  })
}

async function login(url: string, handle: string) {
  const password = `${handle.replace(/\.b\.test$/, '.a.test')} correct horse battery`
  return xrpc(url, 'com.atproto.server.createSession', { body: { identifier: handle, password } })
}

test('killed before the switch: the account is back in a, whole, and a retry moves it', async () => {
  const early = accounts[0] as ChildAccount
  assert.equal((await post(proc.url, early, 'before')).status, 200)
  const [aDb, bDb] = [await pds.tenantDb('a.test'), await pds.tenantDb('b.test')]
  const before = await rowsIn(aDb, early.did)
  // The switch updates the home: held here, the move stops right before it, with its copy in b.
  const holder = await connect(pds.dbName)
  await holder.query('begin')
  await holder.query('select * from did_routing where did = $1 for update', [early.did])
  const move = xrpc(proc.url, 'com.atproto.identity.updateHandle', {
    auth: early.accessJwt,
    body: { handle: 'early.b.test' },
  }).catch(() => undefined)
  await blockedOn(pds.dbName, 'did_routing')
  assert.ok((await rowsIn(bDb, early.did)) > 0, 'the copy is in b')
  await proc.kill('SIGKILL')
  await move
  await holder.query('rollback')
  await holder.end()

  proc = await pds.start()
  assert.equal(await rowsIn(bDb, early.did), 0, "b's copy is gone")
  assert.equal(await rowsIn(aDb, early.did), before, 'a has every row')
  assert.equal(await count(pds.dbName, 'select count(*) as n from account_move where did = $1', early.did), 0)
  assert.equal((await login(proc.url, 'early.a.test')).status, 200)
  assert.equal((await post(proc.url, early, 'after the crash')).status, 200, 'a takes writes again')

  const retry = await xrpc(proc.url, 'com.atproto.identity.updateHandle', {
    auth: early.accessJwt,
    body: { handle: 'early.b.test' },
  })
  assert.equal(retry.status, 200, JSON.stringify(retry.body))
  assert.equal(await rowsIn(aDb, early.did), 0)
  assert.equal((await login(proc.url, 'early.b.test')).status, 200)
  assert.equal((await plc.data(early.did))?.alsoKnownAs[0], 'at://early.b.test')
})

test('killed after the switch: the restart finishes the move into b', async () => {
  const late = accounts[1] as ChildAccount
  assert.equal((await post(proc.url, late, 'before')).status, 200)
  const [aDb, bDb] = [await pds.tenantDb('a.test'), await pds.tenantDb('b.test')]
  const records = await count(aDb, 'select count(*) as n from record where did = $1', late.did)
  // A code mailed to the account is forgotten once a's rows are gone, after the switch: held here, the move stops there.
  const holder = await connect(pds.dbName)
  await holder.query(
    `insert into email_token_home (purpose, token, did, created_at) values ('confirm_email', 'AAAAA-BBBBB', $1, $2)`,
    [late.did, new Date().toISOString()],
  )
  await holder.query('begin')
  await holder.query('select * from email_token_home where did = $1 for update', [late.did])
  const move = xrpc(proc.url, 'com.atproto.identity.updateHandle', {
    auth: late.accessJwt,
    body: { handle: 'late.b.test' },
  }).catch(() => undefined)
  await blockedOn(pds.dbName, 'email_token_home')
  await proc.kill('SIGKILL')
  await move
  await holder.query('rollback')
  await holder.end()

  proc = await pds.start()
  assert.equal(await count(pds.dbName, 'select count(*) as n from account_move where did = $1', late.did), 0)
  assert.equal(await rowsIn(aDb, late.did), 0, 'a has nothing of it')
  assert.equal(await count(bDb, 'select count(*) as n from record where did = $1', late.did), records)
  assert.equal(
    await count(bDb, 'select count(*) as n from account where did = $1 and moving_since is null', late.did),
    1,
  )
  assert.equal((await login(proc.url, 'late.b.test')).status, 200)
  assert.equal((await login(proc.url, 'late.a.test')).status, 401)
  assert.equal((await plc.data(late.did))?.alsoKnownAs[0], 'at://late.b.test')
  assert.equal((await post(proc.url, late, 'from b')).status, 200, 'its old session writes in b')
})
