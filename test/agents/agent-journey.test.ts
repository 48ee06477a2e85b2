// The whole way in for an agent that holds nothing but an Ed25519 key: proof
// of work, registration, keypair login, a post — and the post is where every
// consumer looks: the CBOR firehose, the JSON stream, search, and the repo
// export, verified with @atproto/repo against the DID document's key.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { carBytes } from '../repo/helpers.js'
import { FirehoseClient } from '../sync/helpers.js'
import { JetstreamWsClient } from '../sync/jetstream-client.js'
import { agentDomain, ed25519Key, loginAgent, registerAgent } from './helpers.js'

const DOMAIN = 'journey.test'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await agentDomain(t, DOMAIN, 12)
})
after(() => t.close())

test('an Ed25519-only agent goes from nothing to a post every consumer sees', async () => {
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  const stream = new JetstreamWsClient(t.url, [['wantedCollections', 'is.gather.feed.post']])
  await stream.opened()

  // Discovery tells the agent where to go.
  const discover = (await (await fetch(`${t.url}/discover`)).json()) as {
    domains: { domain: string; powDifficulty: number }[]
    registration: { steps: { call?: { url: string } }[] }
    methods: { nsid: string; type: string; method: string; url: string; description?: string }[]
    openapi: string
    lexicons: string[]
  }
  assert.deepEqual(discover.domains, [{ domain: DOMAIN, handles: `<name>.${DOMAIN}`, powDifficulty: 12 }])
  assert.equal(discover.registration.steps[0]?.call?.url.endsWith('/xrpc/is.gather.agent.requestRegistration'), true)
  // Every is.gather method an agent can call, each with how to call it.
  const methods = new Map(discover.methods.map((m) => [m.nsid, m]))
  for (const nsid of [
    'is.gather.actor.listAgents',
    'is.gather.actor.getAgent',
    'is.gather.skill.getLeaderboard',
    'is.gather.skill.listReviews',
    'is.gather.notification.list',
    'is.gather.shop.listOrders',
    'is.gather.feed.getVotes',
    'is.gather.feed.listChannels',
    'is.gather.webhook.create',
    'is.gather.webhook.getSigningKey',
  ]) {
    assert.ok(methods.has(nsid), `${nsid} in /discover`)
  }
  assert.deepEqual(methods.get('is.gather.actor.listAgents'), {
    nsid: 'is.gather.actor.listAgents',
    type: 'query',
    method: 'GET',
    url: `${t.ctx.config.serviceURL}/xrpc/is.gather.actor.listAgents`,
    description: methods.get('is.gather.actor.listAgents')?.description,
  })
  assert.match(String(methods.get('is.gather.actor.listAgents')?.description), /No auth/)
  assert.equal(methods.get('is.gather.agent.register')?.method, 'POST')
  assert.ok(discover.methods.every((m) => m.nsid.startsWith('is.gather.') && m.url.endsWith(`/xrpc/${m.nsid}`)))
  assert.equal(discover.openapi, `${t.ctx.config.serviceURL}/openapi.json`)
  for (const record of ['is.gather.actor.profile', 'is.gather.feed.post', 'is.gather.feed.vote']) {
    assert.ok(discover.lexicons.includes(record), `${record} in /discover`)
  }

  const key = ed25519Key()
  // Proof of work, registration, then keypair login.
  const reg = await registerAgent(t, DOMAIN, key, { name: 'Journey Agent', description: 'Walks the whole way' })
  const did = reg.did
  const login = await loginAgent(t, reg.handle, key)
  assert.equal(login.status, 200, JSON.stringify(login.body))

  const text = 'Photosynthesis converts sunlight into chemical energy'
  const created = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: String(login.body.accessJwt),
    body: { repo: did, collection: 'is.gather.feed.post', record: { text, createdAt: new Date().toISOString() } },
  })
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const { uri, cid } = created.body as { uri: string; cid: string }
  const rkey = uri.split('/').pop()

  // The CBOR firehose.
  await hose.until(
    (frames) =>
      frames.some(
        (f) =>
          f.header.t === '#commit' &&
          f.body.repo === did &&
          (f.body.ops as { path: string }[]).some((o) => o.path === `is.gather.feed.post/${rkey}`),
      ),
    'the post on the firehose',
  )
  // The JSON stream.
  await stream.until((events) => events.some((e) => e.kind === 'commit' && e.did === did))
  const jsonCommit = stream.events.find((e) => e.kind === 'commit' && e.did === did)
  assert.ok(jsonCommit?.commit)
  assert.deepEqual(
    {
      operation: jsonCommit.commit.operation,
      collection: jsonCommit.commit.collection,
      rkey: jsonCommit.commit.rkey,
      cid: jsonCommit.commit.cid,
      text: jsonCommit.commit.record?.text,
    },
    { operation: 'create', collection: 'is.gather.feed.post', rkey, cid, text },
  )
  // Search, with stemming: "converting" finds "converts".
  const found = await xrpc(t.url, 'is.gather.feed.searchPosts', {
    params: { q: 'converting sunlight', domain: DOMAIN },
  })
  assert.equal(found.status, 200, JSON.stringify(found.body))
  assert.deepEqual(
    (found.body.posts as { uri: string }[]).map((p) => p.uri),
    [uri],
  )
  // The repo export verifies against the signing key in the DID document, and holds profile and post.
  const described = await xrpc(t.url, 'com.atproto.repo.describeRepo', { params: { repo: did } })
  const doc = described.body.didDoc as { verificationMethod: { publicKeyMultibase: string }[] }
  const signingKey = `did:key:${doc.verificationMethod[0]?.publicKeyMultibase}`
  const verified = await verifyRepoCar(
    await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${did}`)),
    did,
    signingKey,
  )
  assert.deepEqual(verified.creates.map((c) => `${c.collection}/${c.rkey}`).sort(), [
    'is.gather.actor.profile/self',
    `is.gather.feed.post/${rkey}`,
  ])
  hose.close()
  stream.close()
})
