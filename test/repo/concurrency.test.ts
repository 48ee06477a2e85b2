// Many writers at once: on one repo they serialize on its root row lock (in
// one process and across two), on different repos they run side by side.
// Every acknowledged write must be in the repo, and the commits must chain.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { verifyRepoCar } from '@atproto/repo'
import { addDomain } from '../e2e/tenant-flow.js'
import { type ServerProcess, spawnServer } from '../helpers/process.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { FirehoseClient } from '../sync/helpers.js'
import { carBytes, loggedInAccount, post, type TestAccount } from './helpers.js'

let t: TestServer
const children: ServerProcess[] = []

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'busy.test')
})
after(async () => {
  await Promise.all(children.map((c) => c.kill('SIGKILL')))
  await t?.close()
})

async function write(account: TestAccount, text: string, agent = account.agent): Promise<string> {
  const res = await agent.com.atproto.repo.createRecord({
    repo: account.did,
    collection: 'app.bsky.feed.post',
    record: post(text),
  })
  return res.data.uri
}

/** The repo's commits as the firehose carries them, oldest first, up to the repo's current rev. */
async function commitChain(did: string, latestRev: string): Promise<{ rev: string; since: string | null }[]> {
  const hose = new FirehoseClient(t.url, 0)
  try {
    await hose.until(
      (frames) => frames.some((f) => f.body.repo === did && f.body.rev === latestRev),
      'the latest commit',
    )
  } finally {
    hose.close()
  }
  return hose
    .messages()
    .filter((f) => f.header.t === '#commit' && f.body.repo === did)
    .map((f) => f.body as { rev: string; since: string | null })
}

/** Every acknowledged write is listed, the commits chain rev to rev, and the repo verifies. */
async function assertIntact(account: TestAccount, acknowledged: string[]): Promise<void> {
  const listed = new Set<string>()
  let cursor: string | undefined
  do {
    const res = await account.agent.com.atproto.repo.listRecords({
      repo: account.did,
      collection: 'app.bsky.feed.post',
      limit: 100,
      cursor,
    })
    for (const r of res.data.records) listed.add(r.uri)
    cursor = res.data.cursor
  } while (cursor)
  for (const uri of acknowledged) assert.ok(listed.has(uri), `acknowledged write missing: ${uri}`)
  assert.equal(listed.size, acknowledged.length)

  const latest = await account.agent.com.atproto.sync.getLatestCommit({ did: account.did })
  const chain = await commitChain(account.did, latest.data.rev)
  assert.equal(chain[0]?.since, null, 'the first commit starts the chain')
  for (let i = 1; i < chain.length; i++) {
    assert.equal(chain[i]?.since, chain[i - 1]?.rev, `commit ${i} follows commit ${i - 1}`)
    assert.ok((chain[i]?.rev as string) > (chain[i - 1]?.rev as string), 'revs increase')
  }
  assert.equal(chain.length, acknowledged.length + 1)
  assert.equal(chain[chain.length - 1]?.rev, latest.data.rev)
  const car = await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${account.did}`))
  const verified = await verifyRepoCar(car, account.did, account.signingKey)
  assert.equal(verified.creates.length, acknowledged.length)
}

test('16 concurrent writers on one repo: nothing lost, commits chain', async () => {
  const hot = await loggedInAccount(t, 'hot.busy.test')
  const acknowledged = (
    await Promise.all(
      Array.from({ length: 16 }, (_, w) =>
        (async () => {
          const uris: string[] = []
          for (let i = 0; i < 5; i++) uris.push(await write(hot, `writer ${w} post ${i}`))
          return uris
        })(),
      ),
    )
  ).flat()
  assert.equal(acknowledged.length, 80)
  await assertIntact(hot, acknowledged)
})

test('16 concurrent writers on 16 repos: each repo intact', async () => {
  const accounts = await Promise.all(Array.from({ length: 16 }, (_, i) => loggedInAccount(t, `writer${i}.busy.test`)))
  const acknowledged = await Promise.all(
    accounts.map(async (account, w) => {
      const uris: string[] = []
      for (let i = 0; i < 5; i++) uris.push(await write(account, `repo ${w} post ${i}`))
      return uris
    }),
  )
  for (const [i, account] of accounts.entries()) await assertIntact(account, acknowledged[i] as string[])
})

test('two server processes writing to the same repo: nothing lost, commits chain', async () => {
  const shared = await loggedInAccount(t, 'shared.busy.test')
  const second = await spawnServer(t)
  children.push(second)
  const other = new AtpAgent({ service: second.url })
  await other.resumeSession({ ...(shared.agent.session as NonNullable<typeof shared.agent.session>) })
  const acknowledged = (
    await Promise.all(
      Array.from({ length: 16 }, (_, w) =>
        (async () => {
          const agent = w % 2 === 0 ? shared.agent : other
          const uris: string[] = []
          for (let i = 0; i < 4; i++) uris.push(await write(shared, `process ${w % 2} writer ${w} post ${i}`, agent))
          return uris
        })(),
      ),
    )
  ).flat()
  await assertIntact(shared, acknowledged)
})
