// A short untimed run of every kind of call before the first measurement, so
// the first scenario does not pay for JIT compilation, lazily opened pools
// and cold caches that the later ones escape — on either server.
import { createPost, xrpc, xrpcBytes } from '../xrpc.js'
import { assertNoErrors, rkeyOf, runLoad, type World } from './load.js'

const CALLS = 100

export async function warmUp(world: World): Promise<void> {
  const { target } = world
  const account = await target.createAccount('warmup', 3)
  const rkeys: string[] = []
  const writes = await runLoad(target, CALLS, 4, async (i) => {
    rkeys.push(rkeyOf((await createPost(target.url, account.did, account.accessJwt, `warm-up ${i}`)).uri))
  })
  assertNoErrors('warm-up', writes)
  const reads = await runLoad(target, CALLS, 4, async (i) => {
    const params = { repo: account.did, collection: 'app.bsky.feed.post' }
    await xrpc(target.url, 'com.atproto.repo.getRecord', { params: { ...params, rkey: rkeys[i % rkeys.length] } })
    await xrpc(target.url, 'com.atproto.repo.listRecords', { params: { ...params, limit: 50 } })
  })
  assertNoErrors('warm-up', reads)
  await xrpcBytes(target.url, 'com.atproto.sync.getRepo', { did: account.did })
}
