// No account may take a hostname the service itself answers on (its
// /.well-known/atproto-did would then name that account), on any path that
// sets a handle; reserved names are the admin key's and the domain owner's to give out.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { atprotoKey, solve } from '../agents/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost, type XrpcResponse, xrpc } from '../helpers/xrpc.js'

let t: TestServer
let traefikDir: string
let ownerJwt: string
let userJwt: string
let deputyJwt: string
const OWNER_PASSWORD = 'owner password!'

before(async () => {
  traefikDir = mkdtempSync(join(tmpdir(), 'primal-pds-reserved-'))
  t = await startTestServer({
    config: {
      serviceURL: 'https://pds.alpha.test',
      registrationOpen: true,
      traefik: { dynamicDir: traefikDir, serviceUrl: 'http://backend.alpha.test:2583' },
      handles: { reserved: ['primal'], allowed: ['docs'], serviceHostnames: ['edge.alpha.test', 'edge.gamma.test'] },
      agents: { registrationDefault: true, powDifficulty: 0 },
    },
  })
  const { owner } = await addDomain(t, 'alpha.test', { ownerPassword: OWNER_PASSWORD })
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: owner.handle, password: OWNER_PASSWORD },
  })
  ownerJwt = login.body.accessJwt as string
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: ownerJwt,
    body: { handle: 'deputy.alpha.test', password: 'a good password', role: 'admin' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  deputyJwt = await logIn('deputy.alpha.test')
  assert.equal((await signUp('plain.alpha.test')).status, 200)
  userJwt = await logIn('plain.alpha.test')
})
after(async () => {
  await t?.close()
  rmSync(traefikDir, { recursive: true, force: true })
})

const SERVICE_HOSTS = ['pds.alpha.test', 'backend.alpha.test', 'edge.alpha.test']

function refused(res: XrpcResponse, what: string): void {
  assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.body)}`)
  assert.equal(res.body.error, 'HandleNotAvailable', what)
  assert.match(res.body.message as string, /Reserved handle/, what)
}

const signUp = (handle: string, auth?: string) =>
  xrpc(t.url, 'com.atproto.server.createAccount', { auth, body: { handle, password: 'a good password' } })

async function logIn(identifier: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier, password: 'a good password' },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.accessJwt as string
}

const updateHandle = (auth: string, handle: string) =>
  xrpc(t.url, 'com.atproto.identity.updateHandle', { auth, body: { handle } })

test('updateHandle refuses the service hostnames to all, reserved names to all but the owner', async () => {
  for (const jwt of [userJwt, deputyJwt]) {
    for (const handle of [...SERVICE_HOSTS, 'www.alpha.test', 'support.alpha.test', 'primal.alpha.test']) {
      refused(await updateHandle(jwt, handle), handle)
    }
  }
  for (const handle of SERVICE_HOSTS) refused(await updateHandle(ownerJwt, handle), `${handle} by the owner`)
  const owners = await updateHandle(ownerJwt, 'support.alpha.test')
  assert.equal(owners.status, 200, `the owner takes a reserved name: ${JSON.stringify(owners.body)}`)
  const freed = await updateHandle(userJwt, 'docs.alpha.test')
  assert.equal(freed.status, 200, `a name handles.allowed frees: ${JSON.stringify(freed.body)}`)
})

test('createAccount refuses them; the admin key may give out a reserved name but never a service hostname', async () => {
  for (const handle of [...SERVICE_HOSTS, 'api.alpha.test', 'PDS.alpha.test']) refused(await signUp(handle), handle)
  for (const handle of SERVICE_HOSTS) refused(await signUp(handle, t.adminKey), `${handle} with the admin key`)
  const byAdmin = await signUp('mail.alpha.test', t.adminKey)
  assert.equal(byAdmin.status, 200, JSON.stringify(byAdmin.body))
})

test('host.primal.pds.createAccount: a domain admin takes neither, nor claims leave; the owner a reserved name', async () => {
  for (const handle of ['pds.alpha.test', 'www.alpha.test']) {
    const res = await xrpc(t.url, 'host.primal.pds.createAccount', {
      auth: deputyJwt,
      body: { handle, allowReserved: true },
    })
    refused(res, handle)
  }
  refused(
    await xrpc(t.url, 'host.primal.pds.createAccount', { auth: ownerJwt, body: { handle: 'pds.alpha.test' } }),
    'pds.alpha.test by the owner',
  )
  const owners = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: ownerJwt,
    body: { handle: 'www.alpha.test' },
  })
  assert.equal(owners.status, 200, JSON.stringify(owners.body))
  const asAdmin = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'backend.alpha.test' },
  })
  refused(asAdmin, 'backend.alpha.test with the admin key')
})

test('agent registration refuses them, and the challenge survives the refusal', async () => {
  const key = await atprotoKey('secp256k1')
  const ch = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain: 'alpha.test' } })
  assert.equal(ch.status, 200, JSON.stringify(ch.body))
  const challenge = ch.body.challenge as string
  const register = (handle: string) =>
    xrpc(t.url, 'is.gather.agent.register', {
      body: { challenge, nonce: solve(challenge, 0), publicKey: key.publicKey, name: 'Agent', handle },
    })
  refused(await register('pds'), 'pds')
  refused(await register('support'), 'support')
  const ok = await register('helpful-agent')
  assert.equal(ok.status, 200, JSON.stringify(ok.body))
})

test('addDomain refuses an owner handle that is a service hostname, and leaves no domain behind', async () => {
  const res = await xrpc(t.url, 'host.primal.pds.addDomain', {
    auth: t.adminKey,
    body: { domain: 'gamma.test', ownerHandle: 'edge.gamma.test' },
  })
  refused(res, 'edge.gamma.test as the owner of gamma.test')
  const beta = await xrpc(t.url, 'host.primal.pds.addDomain', {
    auth: t.adminKey,
    body: { domain: 'beta.test', ownerHandle: 'pds.beta.test' },
  })
  assert.equal(beta.status, 200, 'the admin key may name an owner with a reserved name of another domain')
  assert.equal(await t.ctx.registry.getDomain('gamma.test'), undefined)
})

test('/.well-known/atproto-did and resolveHandle name no account on a service hostname, even one an older version let take it', async () => {
  // What an older version let the owner do: take the service's own hostname as a handle.
  const did = 'did:plc:olderversiontookhostxx'
  const route = {
    did,
    handle: 'pds.alpha.test',
    email: null,
    domain: 'alpha.test',
    pending: false,
    pds_host: null,
    pds_host_announce: false,
  }
  await t.ctx.storage.management
    .insertInto('did_routing')
    .values({ ...route, created_at: new Date().toISOString() })
    .execute()
  try {
    for (const host of SERVICE_HOSTS) {
      assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', host)).status, 404, host)
      const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: host } })
      assert.equal(resolved.status, 400, `${host}: ${JSON.stringify(resolved.body)}`)
      assert.equal(resolved.body.error, 'HandleNotFound')
    }
  } finally {
    await t.ctx.storage.management
      .deleteFrom('did_routing')
      .where('did', '=', 'did:plc:olderversiontookhostxx')
      .execute()
  }
})
