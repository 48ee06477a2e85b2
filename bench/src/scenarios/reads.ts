// Read scenarios: getRecord and listRecords (pages of 50) from 16 concurrent
// readers, over the records the concurrent writers left. The same seeded
// sequence of records and pages goes to both servers.
import { type ScenarioResult, seededRandom } from '../stats.js'
import { xrpc } from '../xrpc.js'
import { loadResult, runLoad, type World, type WrittenRecord } from './load.js'
import { concurrentWrites } from './writes.js'

const READERS = 16
const COLLECTION = 'app.bsky.feed.post'

/** Records to read: those of concurrent-writes, or a small set written now when it did not run. */
async function recordsToRead(world: World): Promise<WrittenRecord[]> {
  if (!world.records?.length) await concurrentWrites(world, 320)
  return world.records ?? []
}

export async function getRecord(world: World): Promise<ScenarioResult> {
  const { target } = world
  const records = await recordsToRead(world)
  const random = seededRandom(1)
  const picks = Array.from({ length: world.sizes.reads }, () => records[Math.floor(random() * records.length)])
  const run = await runLoad(target, picks.length, READERS, (i) => {
    const r = picks[i] as WrittenRecord
    return xrpc(target.url, 'com.atproto.repo.getRecord', {
      params: { repo: r.did, collection: COLLECTION, rkey: r.rkey },
    })
  })
  return loadResult('get-record', `getRecord, ${READERS} concurrent readers`, run)
}

export async function listRecords(world: World): Promise<ScenarioResult> {
  const { target } = world
  const records = await recordsToRead(world)
  const random = seededRandom(2)
  // A page starting below a random record of the repo: pages from anywhere in it, not only the newest.
  const picks = Array.from({ length: world.sizes.reads }, () => records[Math.floor(random() * records.length)])
  let pageRecords = 0
  const run = await runLoad(target, picks.length, READERS, async (i) => {
    const r = picks[i] as WrittenRecord
    const out = await xrpc<{ records: unknown[] }>(target.url, 'com.atproto.repo.listRecords', {
      params: { repo: r.did, collection: COLLECTION, limit: 50, cursor: r.rkey },
    })
    pageRecords += out.records.length
  })
  return loadResult('list-records', `listRecords (limit 50), ${READERS} concurrent readers`, run, [
    {
      key: 'recordsPerPage',
      label: 'records per page (mean)',
      unit: '',
      value: run.latencies.length ? pageRecords / run.latencies.length : null,
      better: 'none',
    },
  ])
}
