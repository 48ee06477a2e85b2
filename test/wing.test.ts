// The agent platform is a wing on the PDS core: a server built without it
// still hosts accounts and serves their repos, and none of the wing's doors
// (its XRPC methods, /discover, /mcp) are open.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { addDomain } from './e2e/tenant-flow.js'
import { startTestServer, type TestServer } from './helpers/server.js'
import { carBytes, loggedInAccount, post } from './repo/helpers.js'

let core: TestServer

before(async () => {
  core = await startTestServer({ wings: [] })
  await addDomain(core, 'core.test')
})
after(() => core?.close())

test('without the agent wing, accounts are made and their repos written, read and exported', async () => {
  const alice = await loggedInAccount(core, 'alice.core.test')
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: post('a plain PDS'),
  })
  const rkey = created.data.uri.split('/').pop() as string
  const got = await alice.agent.com.atproto.repo.getRecord({ repo: alice.did, collection: 'app.bsky.feed.post', rkey })
  assert.equal(got.data.cid, created.data.cid)
  const car = await carBytes(await fetch(`${core.url}/xrpc/com.atproto.sync.getRepo?did=${alice.did}`))
  const verified = await verifyRepoCar(car, alice.did, alice.signingKey)
  assert.equal(verified.creates.length, 1)
})

test('without the agent wing, its methods are not served and its routes are not there', async () => {
  const search = await fetch(`${core.url}/xrpc/is.gather.skill.searchListings?q=anything`)
  assert.equal(search.status, 501)
  assert.equal(((await search.json()) as { error: string }).error, 'MethodNotImplemented')
  assert.equal((await fetch(`${core.url}/discover`)).status, 404)
  const mcp = await fetch(`${core.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' } })
  assert.equal(mcp.status, 404)
  assert.deepEqual(core.ctx.wings, [])
})
