// A relay's view: follow the stream while accounts in several domains write,
// verify every commit (signature against the account's key, since/prevData
// chaining, ops equal to the diff), and end with a copy of every repo equal
// to what getRepo serves.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { carBytes, loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient, type Frame } from './helpers.js'
import { applyCommit, type RepoCopy } from './relay.js'

let t: TestServer

before(async () => {
  t = await startTestServer()
  for (const d of ['one.test', 'two.test', 'three.test']) await addDomain(t, d)
})
after(() => t?.close())

/** Verifies one #commit into the copies: only those of this test's accounts. */
async function apply(copies: Map<string, RepoCopy>, frame: Frame, keys: Map<string, string>): Promise<void> {
  const key = keys.get(frame.body.repo as string)
  if (key) await applyCommit(copies, frame, key) // else an account this test did not create
}

test('a verifying consumer follows writers in three domains and ends equal to getRepo', async () => {
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  const accounts: TestAccount[] = []
  for (const d of ['one.test', 'two.test', 'three.test']) {
    for (const n of ['ada', 'bea']) accounts.push(await loggedInAccount(t, `${n}.${d}`))
  }
  const keys = new Map(accounts.map((a) => [a.did, a.signingKey]))
  const lastRevs = new Map<string, string>()
  await Promise.all(
    accounts.map(async (a, w) => {
      const rkeys: string[] = []
      for (let i = 0; i < 8; i++) {
        const res = await a.agent.com.atproto.repo.createRecord({
          repo: a.did,
          collection: 'app.bsky.feed.post',
          record: post(`${w}/${i}`),
        })
        rkeys.push(res.data.uri.split('/').pop() as string)
        lastRevs.set(a.did, res.data.commit?.rev as string)
      }
      const edited = await a.agent.com.atproto.repo.putRecord({
        repo: a.did,
        collection: 'app.bsky.feed.post',
        rkey: rkeys[0] as string,
        record: post('edited'),
      })
      const removed = await a.agent.com.atproto.repo.deleteRecord({
        repo: a.did,
        collection: 'app.bsky.feed.post',
        rkey: rkeys[1] as string,
      })
      assert.ok(edited.data.commit && removed.data.commit)
      lastRevs.set(a.did, removed.data.commit.rev)
    }),
  )
  await hose.until(
    (frames) => accounts.every((a) => frames.some((f) => f.body.repo === a.did && f.body.rev === lastRevs.get(a.did))),
    'the last commit of every writer',
  )
  const copies = new Map<string, RepoCopy>()
  for (const frame of hose.messages()) if (frame.header.t === '#commit') await apply(copies, frame, keys)

  for (const a of accounts) {
    const copy = copies.get(a.did)
    assert.ok(copy, `a copy of ${a.handle}`)
    const latest = await a.agent.com.atproto.sync.getLatestCommit({ did: a.did })
    assert.equal(copy.rev, latest.data.rev, 'the stream and getLatestCommit agree')
    const served = await verifyRepoCar(
      await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${a.did}`)),
      a.did,
      a.signingKey,
    )
    const mine = (await copy.repo.data.list()).map((l) => `${l.key} ${l.value}`).sort()
    const theirs = served.creates.map((c) => `${c.collection}/${c.rkey} ${c.cid}`).sort()
    assert.deepEqual(mine, theirs)
    assert.equal(mine.length, 7)
  }
  hose.close()
})
