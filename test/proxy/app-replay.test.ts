// A whole session of the Bluesky app, replayed against this server call for
// call (test/helpers/app-session.ts): every call is one the server answers,
// every call the app means for a service reaches that service's endpoint
// with a token it verifies (the account as issuer, the service's DID as
// audience, the method as lxm), and every call the PDS answers itself
// reaches no service.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { type AppServices, runAppSession } from '../helpers/app-session.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { FEED_GENERATOR_DID, type ServiceId, type StandIn, startStandIn } from '../helpers/standin-services.js'

let plc: TestPlc
let standIn: StandIn
let t: TestServer
let alice: { did: string; handle: string; password: string }
let bob: { did: string; handle: string }

/** Which service id each kind of step's calls must arrive at. */
const SERVICE_ID: Record<keyof AppServices, ServiceId> = {
  appview: 'bsky_appview',
  chat: 'bsky_chat',
  notif: 'bsky_notif',
  labeler: 'atproto_labeler',
}

before(async () => {
  plc = await startPlc()
  standIn = await startStandIn(plc.url)
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      appView: { url: standIn.urls.bsky_appview, did: standIn.did },
      chat: { url: standIn.urls.bsky_chat, did: standIn.did },
      moderation: { url: standIn.urls.atproto_labeler, did: standIn.did },
      proxy: { allowPrivateNetwork: true },
    },
  })
  await addDomain(t, 'replay.test')
  alice = await createAccount(t, 'alice.replay.test')
  bob = await createAccount(t, 'bob.replay.test')
  // The app writes a profile at sign-up; an account made by the operator has none until then.
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: alice.handle, password: alice.password })
  await agent.com.atproto.repo.putRecord({
    repo: alice.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName: 'Alice' },
  })
})
after(async () => {
  await t?.close()
  await standIn?.close()
  await plc?.close()
})

test("the app's session: every call answered, each service call at its service with the account's token, the rest here, its writes kept", async () => {
  const services: AppServices = { appview: standIn.did, chat: standIn.did, notif: standIn.did, labeler: standIn.did }
  const steps = await runAppSession({
    pds: t.url,
    identifier: alice.handle,
    password: alice.password,
    mention: bob.handle,
    newHandle: 'alice-renamed.replay.test',
    pdsServiceDid: t.ctx.serviceDid,
    services,
  })

  const failed = steps.filter((s) => s.status < 200 || s.status >= 300)
  assert.deepEqual(failed, [], 'every call the app made succeeded')

  // Each call the app meant for a service got there once, in order, signed by Alice for that service and method.
  const proxied = steps.filter((s) => s.reaches !== 'local')
  assert.deepEqual(
    standIn.calls.map((c) => c.nsid),
    proxied.map((s) => s.nsid),
    'the services got exactly the calls meant for them, and nothing the PDS answers itself',
  )
  for (const [i, step] of proxied.entries()) {
    const call = standIn.calls[i]
    assert.ok(call)
    assert.equal(call.iss, alice.did, `${step.name}: issued for the account`)
    if (step.nsid === 'app.bsky.feed.getFeed') {
      // The AppView passes a feed's token on to its generator (named in the generator's record), as the official PDS mints it.
      assert.equal(call.aud, FEED_GENERATOR_DID, `${step.name}: for the feed generator`)
      assert.equal(call.lxm, 'app.bsky.feed.getFeedSkeleton', `${step.name}: for the generator's method`)
    } else {
      assert.equal(call.aud, services[step.reaches as keyof AppServices], `${step.name}: for the service's DID`)
      assert.equal(call.lxm, step.nsid, `${step.name}: for the method`)
    }
    assert.equal(call.service, SERVICE_ID[step.reaches as keyof AppServices], `${step.name}: at the service id named`)
  }
  // The labelers the app subscribed to travel with its calls.
  const timeline = standIn.calls.find((c) => c.nsid === 'app.bsky.feed.getTimeline')
  assert.match(String(timeline?.headers['atproto-accept-labelers']), new RegExp(standIn.did))

  // What the app wrote here is here: the post with its mention and image, the edited profile, the new handle.
  const reader = new AtpAgent({ service: t.url })
  const posts = await reader.com.atproto.repo.listRecords({ repo: alice.did, collection: 'app.bsky.feed.post' })
  assert.equal(posts.data.records.length, 1)
  const post = posts.data.records[0]?.value as {
    facets?: { features: { did?: string }[] }[]
    embed?: { images?: { image: unknown }[] }
  }
  assert.equal(post.facets?.[0]?.features[0]?.did, bob.did)
  assert.equal(post.embed?.images?.length, 1)
  const profile = await reader.com.atproto.repo.getRecord({
    repo: alice.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
  })
  assert.equal(profile.data.value.displayName, 'Replayed')
  assert.ok(profile.data.value.avatar, 'the new avatar')
  const renamed = await reader.com.atproto.identity.resolveHandle({ handle: 'alice-renamed.replay.test' })
  assert.equal(renamed.data.did, alice.did)
})
