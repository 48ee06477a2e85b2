// A create that names no rkey gets a TID drawn by this server; two processes
// writing one account in the same millisecond may draw the same one. The
// second is given another instead of failing "Record already exists"; an
// rkey the caller named is still refused when taken.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { prepareWrite } from '../../src/repo/prepare.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, post, type TestAccount } from './helpers.js'

let t: TestServer
let ann: TestAccount
before(async () => {
  t = await startTestServer()
  await t.ctx.domains.add({ domain: 'drawn.test' })
  ann = await loggedInAccount(t, 'ann.drawn.test')
})
after(() => t?.close())

const prepare = (rkey?: string) =>
  prepareWrite(
    { action: 'create', collection: 'app.bsky.feed.post', rkey, record: post('hello') },
    { lexicons: t.ctx.lexicons, maxRecordBytes: t.ctx.config.limits.recordBytes },
  )

test('a drawn TID that another write already took is drawn again, in the fast path and under the lock', async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  for (const locked of [false, true]) {
    const first = await t.ctx.repos.applyWrites(located, [await prepare()])
    const taken = first?.results[0]?.rkey as string
    // As another process would have drawn it: the same TID.
    const clash = await prepare()
    if (clash.action !== 'create') throw new Error('a create was prepared')
    clash.rkey = taken
    // A delete beside it takes the commit under the repo's lock.
    const other = locked ? (await t.ctx.repos.applyWrites(located, [await prepare()]))?.results[0]?.rkey : undefined
    const writes = other
      ? [clash, { action: 'delete' as const, collection: 'app.bsky.feed.post', rkey: other }]
      : [clash]
    const second = await t.ctx.repos.applyWrites(located, writes)
    const rkey = second?.results[0]?.rkey
    assert.ok(rkey && rkey !== taken, `a new TID (${rkey}) instead of ${taken}`)
    const listed = await ann.agent.com.atproto.repo.listRecords({ repo: ann.did, collection: 'app.bsky.feed.post' })
    assert.ok(listed.data.records.some((r) => r.uri.endsWith(`/${rkey}`)))
    assert.ok(
      listed.data.records.some((r) => r.uri.endsWith(`/${taken}`)),
      'the first record is untouched',
    )
  }
})

test('an rkey the caller named is refused when it is taken', async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  await t.ctx.repos.applyWrites(located, [await prepare('3kchosenrkey2')])
  await assert.rejects(t.ctx.repos.applyWrites(located, [await prepare('3kchosenrkey2')]), /Record already exists/)
})
