// The Bluesky app's calls (test/helpers/app-session.ts), made against the
// official PDS (@atproto/pds, installed in side-by-side/) and primal-pds side
// by side: the same PLC directory, the same stand-in AppView, chat,
// notification and labeler service (which verifies every token either PDS
// signs), an account and a second one to mention on each. Each call must get
// the same kind of answer from both: success from both, or the same error.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain, createAccount } from '../../test/e2e/tenant-flow.js'
import { type AppServices, runAppSession, type StepResult } from '../../test/helpers/app-session.js'
import { startPlc, type TestPlc } from '../../test/helpers/plc.js'
import { startTestServer, type TestServer } from '../../test/helpers/server.js'
import { type StandIn, startStandIn } from '../../test/helpers/standin-services.js'
import { type OfficialPds, startOfficial } from '../official.js'

let plc: TestPlc
let standIn: StandIn
let official: OfficialPds
let primal: TestServer

before(async () => {
  plc = await startPlc()
  standIn = await startStandIn(plc.url)
  const service = (id: keyof StandIn['urls']) => ({ url: standIn.urls[id], did: standIn.did })
  official = await startOfficial({
    domains: 1,
    plcUrl: plc.url,
    appView: service('bsky_appview'),
    reports: service('atproto_labeler'),
  })
  primal = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      appView: service('bsky_appview'),
      chat: service('bsky_chat'),
      moderation: service('atproto_labeler'),
      proxy: { allowPrivateNetwork: true },
    },
  })
})

after(async () => {
  await primal?.close()
  await official?.close()
  await standIn?.close()
  await plc?.close()
})

/**
 * Steps where this test bench, not the PDS, decides the official PDS's
 * answer. The official PDS checks a service-auth token's issuer through its
 * DID resolver, whose fetch refuses plain http and IP hosts (SSRF protection
 * it has no switch for): it cannot reach this test's PLC directory on
 * loopback, so it answers 500 where, against plc.directory, it takes the
 * upload. Ours must still succeed.
 */
const BENCH_BOUND: Record<string, string> = {
  'video: upload': 'the official PDS cannot resolve DIDs at a loopback PLC directory',
}

/** What a client can tell of an answer: success, or which error with which status. */
function kind(step: StepResult): string {
  return step.status >= 200 && step.status < 300 ? 'ok' : `${step.status} ${step.error ?? ''}`.trim()
}

test("the app's calls get the same kind of answer from the official PDS and from primal-pds, and reach the same services", async () => {
  const services: AppServices = { appview: standIn.did, chat: standIn.did, notif: standIn.did, labeler: standIn.did }

  const theirCallsFrom = standIn.calls.length
  const alice = await official.createAccount('alice', 0)
  const bob = await official.createAccount('bob', 0)
  const theirs = await runAppSession({
    pds: official.url,
    identifier: alice.handle,
    password: alice.password,
    mention: bob.handle,
    newHandle: `alice2${official.handleDomains[0]}`,
    pdsServiceDid: official.serviceDid,
    services,
  })

  const theirCalls = standIn.calls.slice(theirCallsFrom)
  const myCallsFrom = standIn.calls.length
  await addDomain(primal, 'side.test')
  const ours = await createAccount(primal, 'alice.side.test')
  const mention = await createAccount(primal, 'bob.side.test')
  const mine = await runAppSession({
    pds: primal.url,
    identifier: ours.handle,
    password: ours.password,
    mention: mention.handle,
    newHandle: 'alice2.side.test',
    pdsServiceDid: primal.ctx.serviceDid,
    services,
  })

  const myCalls = standIn.calls.slice(myCallsFrom)

  const table = theirs.map(
    (step, i) => `${step.name.padEnd(40)} ${kind(step).padEnd(28)} ${kind(mine[i] as StepResult)}`,
  )
  console.log(['step'.padEnd(40), 'official'.padEnd(28), 'primal-pds', '\n', table.join('\n')].join(' '))
  assert.deepEqual(
    mine.map((step) => step.name),
    theirs.map((step) => step.name),
  )
  const compared = (steps: StepResult[]) => steps.filter((step) => !(step.name in BENCH_BOUND))
  assert.deepEqual(
    compared(mine).map((step) => [step.name, kind(step)]),
    compared(theirs).map((step) => [step.name, kind(step)]),
  )
  for (const step of mine.filter((s) => s.name in BENCH_BOUND)) assert.equal(kind(step), 'ok', step.name)

  // The same calls reach the same services, with tokens for the same audience and method. One
  // difference on purpose: the official PDS sends registerPush to the service its body names
  // (here the AppView's DID, so the AppView's endpoint), ignoring the header; we follow the
  // header, as the app sends it (#bsky_notif), like any other call.
  const reached = (calls: typeof standIn.calls) =>
    calls.map((c) => [c.nsid, c.nsid === 'app.bsky.notification.registerPush' ? '(either)' : c.service, c.aud, c.lxm])
  assert.deepEqual(reached(myCalls), reached(theirCalls))
  // Not a comparison of two failures: the session works on the official PDS. The one
  // failure is the app's, reading a profile record the account has not written yet.
  assert.deepEqual(
    compared(theirs)
      .filter((step) => kind(step) !== 'ok')
      .map((step) => `${step.name}: ${kind(step)}`),
    ['profile: read: 400 RecordNotFound'],
  )
})
