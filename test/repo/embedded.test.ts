// The repo write path and sync reads on the embedded database (one PGlite,
// one schema per tenant): the same code, the same guarantees.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer } from '../helpers/server.js'
import { carBytes, expectedCid, loggedInAccount, post } from './helpers.js'

test('records, concurrent writes and a verified getRepo on the embedded database', async () => {
  const t = await startTestServer({ backend: 'embedded' })
  try {
    await addDomain(t, 'embedded.test')
    const ann = await loggedInAccount(t, 'ann.embedded.test')
    const records = Array.from({ length: 12 }, (_, i) => post(`embedded post ${i}`))
    const created = await Promise.all(
      records.map((record) =>
        ann.agent.com.atproto.repo.createRecord({ repo: ann.did, collection: 'app.bsky.feed.post', record }),
      ),
    )
    for (const [i, res] of created.entries()) assert.equal(res.data.cid, await expectedCid(records[i]))
    const rkey = created[0]?.data.uri.split('/').pop() as string
    // Delete and re-create the same record: the MST returns to blocks the
    // delete had dropped, which must come back to life.
    await ann.agent.com.atproto.repo.deleteRecord({ repo: ann.did, collection: 'app.bsky.feed.post', rkey })
    await ann.agent.com.atproto.repo.createRecord({
      repo: ann.did,
      collection: 'app.bsky.feed.post',
      rkey,
      record: records[0] as Record<string, unknown>,
    })
    const revived = await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${ann.did}`))
    assert.equal((await verifyRepoCar(revived, ann.did, ann.signingKey)).creates.length, 12)
    await t.ctx.sweeper.sweep(new Date(Date.now() + (t.ctx.config.gc.droppedBlockGraceSeconds + 1) * 1000))
    const swept = await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${ann.did}`))
    assert.equal((await verifyRepoCar(swept, ann.did, ann.signingKey)).creates.length, 12)
    await ann.agent.com.atproto.repo.deleteRecord({ repo: ann.did, collection: 'app.bsky.feed.post', rkey })
    const car = await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${ann.did}`))
    const verified = await verifyRepoCar(car, ann.did, ann.signingKey)
    assert.equal(verified.creates.length, 11)
    const listed = await ann.agent.com.atproto.repo.listRecords({ repo: ann.did, collection: 'app.bsky.feed.post' })
    assert.deepEqual(listed.data.records.map((r) => r.cid).sort(), verified.creates.map((c) => c.cid.toString()).sort())
  } finally {
    await t.close()
  }
})
