// The firehose across processes: writers on several processes, a subscriber
// on each; the sequencer process is killed with SIGKILL mid-stream and
// another takes over. Every subscriber sees the same sequence, contiguous,
// with every acknowledged write exactly once and each repo's commits in order.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { type ServerProcess, spawnServer } from '../helpers/process.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer
const procs: ServerProcess[] = []

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'multi-a.test')
  await addDomain(t, 'multi-b.test')
})
after(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')))
  await t?.close()
})

const LEADER = /"msg":"this process is now the sequencer"/

/** One write through the process at `url`, with the account's session; returns the commit's rev. */
async function writeVia(url: string, account: TestAccount, text: string): Promise<string> {
  const res = await xrpc(url, 'com.atproto.repo.createRecord', {
    auth: account.agent.session?.accessJwt,
    body: { repo: account.did, collection: 'app.bsky.feed.post', record: post(text) },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body.commit as { rev: string }).rev
}

test('SIGKILL of the sequencer mid-stream: another takes over, nothing lost or doubled', async () => {
  // The in-process server steps down so that a child process sequences.
  await t.ctx.sequencer.stop()
  const [p1, p2] = await Promise.all([spawnServer(t), spawnServer(t)])
  procs.push(p1 as ServerProcess, p2 as ServerProcess)
  const leader = await Promise.race(procs.map((p) => p.logged(LEADER).then(() => p)))
  const survivor = procs.find((p) => p !== leader) as ServerProcess

  const accounts = [await loggedInAccount(t, 'gus.multi-a.test'), await loggedInAccount(t, 'hal.multi-b.test')]
  const subscribers = [new FirehoseClient(t.url, 0), new FirehoseClient(survivor.url, 0)]
  const acknowledged: { did: string; rev: string }[] = []
  const writeRound = async (urls: string[], round: string, onAck = () => {}) => {
    await Promise.all(
      accounts.flatMap((a) =>
        urls.map(async (url, i) => {
          for (let n = 0; n < 5; n++) {
            acknowledged.push({ did: a.did, rev: await writeVia(url, a, `${round} ${i} ${n}`) })
            onAck()
          }
        }),
      ),
    )
  }
  await writeRound([t.url, leader.url, survivor.url], 'before')
  // Kill the sequencer while writes on the other processes are in full flow.
  let killed: Promise<void> | undefined
  let acks = 0
  await writeRound([t.url, survivor.url], 'during', () => {
    if (++acks === 6) killed = leader.kill('SIGKILL')
  })
  await killed
  await writeRound([t.url, survivor.url], 'after')
  await survivor.logged(LEADER)

  for (const sub of subscribers) {
    await sub.until(
      (frames) => acknowledged.every((w) => frames.some((f) => f.body.repo === w.did && f.body.rev === w.rev)),
      'every acknowledged write',
    )
  }
  const [first, second] = subscribers.map((s) => s.messages()) as [
    ReturnType<FirehoseClient['messages']>,
    ReturnType<FirehoseClient['messages']>,
  ]
  const common = Math.min(first.length, second.length)
  assert.deepEqual(
    first.slice(0, common).map((f) => Buffer.from(f.raw)),
    second.slice(0, common).map((f) => Buffer.from(f.raw)),
    'both subscribers see the same frames in the same order',
  )
  const seqs = first.map((f) => f.body.seq as number)
  assert.deepEqual(
    seqs,
    Array.from({ length: seqs.length }, (_, i) => i + 1),
    'contiguous from 1',
  )
  const commits = first.filter((f) => f.header.t === '#commit')
  for (const w of acknowledged) {
    const n = commits.filter((f) => f.body.repo === w.did && f.body.rev === w.rev).length
    assert.equal(n, 1, `write ${w.rev} appears exactly once`)
  }
  for (const a of accounts) {
    const revs = commits.filter((f) => f.body.repo === a.did).map((f) => f.body.rev as string)
    assert.deepEqual(revs, [...revs].sort(), `${a.handle}: commits in rev order`)
  }
  for (const s of subscribers) s.close()
})
