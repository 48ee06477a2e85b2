// Write scenarios: one writer on one account; 16 writers on 16 accounts in 4
// domains; 16 writers on one hot account (whose commits must serialize).
import type { ScenarioResult } from '../stats.js'
import { createPost } from '../xrpc.js'
import { assertNoErrors, createAccounts, loadResult, rkeyOf, runLoad, type World, type WrittenRecord } from './load.js'

export const WRITERS = 16

export async function seqWrites(world: World): Promise<ScenarioResult> {
  const { target } = world
  const account = await target.createAccount('seqwriter', 0)
  const run = await runLoad(target, world.sizes.seqWrites, 1, (i) =>
    createPost(target.url, account.did, account.accessJwt, `sequential ${i}`),
  )
  assertNoErrors('seq-writes', run)
  return loadResult('seq-writes', 'sequential writes, one account', run)
}

/** Also leaves the records it wrote in `world.records` for the read scenarios. */
export async function concurrentWrites(world: World, total = world.sizes.concurrentWrites): Promise<ScenarioResult> {
  const { target } = world
  const accounts = await createAccounts(target, 'writer', WRITERS)
  const records: WrittenRecord[] = []
  const run = await runLoad(target, total, WRITERS, async (i, w) => {
    const account = accounts[w]
    if (!account) throw new Error(`no account for writer ${w}`)
    const out = await createPost(target.url, account.did, account.accessJwt, `concurrent ${i}`)
    records.push({ did: account.did, rkey: rkeyOf(out.uri) })
  })
  assertNoErrors('concurrent-writes', run)
  world.records = records
  return loadResult('concurrent-writes', `${WRITERS} writers, ${WRITERS} accounts in 4 domains`, run)
}

export async function hotWrites(world: World): Promise<ScenarioResult> {
  const { target } = world
  const account = await target.createAccount('hotwriter', 1)
  const run = await runLoad(target, world.sizes.hotWrites, WRITERS, (i) =>
    createPost(target.url, account.did, account.accessJwt, `hot ${i}`),
  )
  assertNoErrors('hot-writes', run)
  return loadResult('hot-writes', `${WRITERS} writers, one account`, run)
}
