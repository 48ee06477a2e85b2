// com.atproto.server.getServiceAuth within the official PDS's limits, and a
// token minted there coming back: the video service uploads a blob for the
// account with a token for uploadBlob aimed at this PDS, charged to the
// account's write budget; a token for anything else, or aimed elsewhere, is
// refused.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { DidResolver } from '@atproto/identity'
import { verifyJwt } from '@atproto/xrpc-server'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

let plc: TestPlc
let t: TestServer
let agent: AtpAgent
let alice: { did: string; accessJwt: string }

before(async () => {
  plc = await startPlc()
  // No per-IP budget: the RateLimit-* headers an upload answers with are then its account's write budget.
  t = await startTestServer({ config: { plcEndpoint: plc.url, rateLimits: { requestsPerIp: { points: 0 } } } })
  await addDomain(t, 'service-auth.test')
  const created = await createAccount(t, 'alice.service-auth.test')
  agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: created.handle, password: created.password })
  alice = { did: created.did, accessJwt: agent.session?.accessJwt ?? '' }
})
after(async () => {
  await t?.close()
  await plc?.close()
})

const nowS = () => Math.floor(Date.now() / 1000)

async function serviceAuth(params: Record<string, string>) {
  return xrpc(t.url, 'com.atproto.server.getServiceAuth', { auth: alice.accessJwt, params })
}

test('a token for a service, signed with the key in the account DID document', async () => {
  const res = await agent.com.atproto.server.getServiceAuth({
    aud: 'did:web:video.example.com',
    lxm: 'app.bsky.video.getUploadLimits',
  })
  const resolver = new DidResolver({ plcUrl: plc.url, fetch: globalThis.fetch })
  const claims = await verifyJwt(res.data.token, 'did:web:video.example.com', 'app.bsky.video.getUploadLimits', (iss) =>
    resolver.resolveAtprotoKey(iss),
  )
  assert.equal(claims.iss, alice.did)
  assert.ok(claims.jti, 'each token has its own id')
  // Without exp: a minute.
  assert.ok(claims.exp > nowS() && claims.exp <= nowS() + 61)

  const withRef = await serviceAuth({ aud: 'did:web:api.bsky.app#bsky_appview', exp: String(nowS() + 30) })
  assert.equal(withRef.status, 200, JSON.stringify(withRef.body))
})

test('the official limits: an hour at most, a minute without a method, never account management', async () => {
  const refusals: [Record<string, string>, string | undefined][] = [
    [
      { aud: 'did:web:api.bsky.app', lxm: 'app.bsky.feed.getTimeline', exp: String(nowS() + 2 * 3600) },
      'BadExpiration',
    ],
    [{ aud: 'did:web:api.bsky.app', lxm: 'app.bsky.feed.getTimeline', exp: String(nowS() - 10) }, 'BadExpiration'],
    [{ aud: 'did:web:api.bsky.app', exp: String(nowS() + 300) }, 'BadExpiration'],
    [{ aud: 'did:web:api.bsky.app', lxm: 'com.atproto.server.createAppPassword' }, 'InvalidRequest'],
    [{ aud: 'did:web:api.bsky.app', lxm: 'com.atproto.identity.updateHandle' }, 'InvalidRequest'],
    [{ aud: 'not-a-did' }, 'InvalidRequest'],
    [{ aud: 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme' }, 'InvalidRequest'],
  ]
  for (const [params, error] of refusals) {
    const res = await serviceAuth(params)
    assert.equal(res.status, 400, `${JSON.stringify(params)}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, error, JSON.stringify(params))
  }
  const hour = await serviceAuth({
    aud: 'did:web:api.bsky.app',
    lxm: 'app.bsky.feed.getTimeline',
    exp: String(nowS() + 3000),
  })
  assert.equal(hour.status, 200)
  const anonymous = await xrpc(t.url, 'com.atproto.server.getServiceAuth', { params: { aud: 'did:web:api.bsky.app' } })
  assert.equal(anonymous.status, 401)
})

async function upload(token: string) {
  return fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'video/mp4' },
    body: Buffer.from('not really a video, but bytes all the same'),
  })
}

async function tokenFor(aud: string, lxm: string): Promise<string> {
  const res = await serviceAuth({ aud, lxm, exp: String(nowS() + 600) })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.token as string
}

test('uploadBlob takes a token the account minted for it, aimed at this PDS, on the account budget', async () => {
  const byAccess = await upload(alice.accessJwt)
  assert.equal(byAccess.status, 200)
  const remaining = Number(byAccess.headers.get('ratelimit-remaining'))

  const token = await tokenFor(t.ctx.serviceDid, 'com.atproto.repo.uploadBlob')
  const byService = await upload(token)
  assert.equal(byService.status, 200, await byService.clone().text())
  const body = (await byService.json()) as { blob: { mimeType: string; size: number } }
  assert.equal(body.blob.mimeType, 'video/mp4')
  assert.equal(Number(byService.headers.get('ratelimit-remaining')), remaining - 1, 'charged to the account')
})

test('a token for another method, for another service, or of no account of ours is refused', async () => {
  const otherMethod = await upload(await tokenFor(t.ctx.serviceDid, 'com.atproto.repo.createRecord'))
  assert.equal(otherMethod.status, 401)
  assert.equal(((await otherMethod.json()) as { error: string }).error, 'BadJwtLexiconMethod')

  const otherAudience = await upload(await tokenFor('did:web:video.example.com', 'com.atproto.repo.uploadBlob'))
  assert.equal(otherAudience.status, 401)
  assert.equal(((await otherAudience.json()) as { error: string }).error, 'BadJwtAudience')

  // A token minted for uploadBlob is no session: other methods refuse it.
  const token = await tokenFor(t.ctx.serviceDid, 'com.atproto.repo.uploadBlob')
  const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: token,
    body: {
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      record: { text: 'hi', createdAt: new Date().toISOString() },
    },
  })
  assert.equal(write.status, 400)
  assert.equal(write.body.error, 'InvalidToken')

  // Signed by a key that is not the issuer's.
  const [head, payload] = token.split('.')
  const forged = `${head}.${payload}.${Buffer.alloc(64, 1).toString('base64url')}`
  const bad = await upload(forged)
  assert.equal(bad.status, 401)
  assert.equal(((await bad.json()) as { error: string }).error, 'BadJwtSignature')

  const garbage = await upload('eyJhbGciOiJFUzI1NksifQ.eyJseG0iOiJ4In0.abc')
  assert.equal(garbage.status, 401)
})
