// Secrets never reach the log, even at trace level: every line a server
// writes while accounts are made, sessions opened, refreshed and refused,
// records written and admin calls refused is captured and searched for every
// secret involved. Request lines carry the DID and the tenant instead.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { after, before, test } from 'node:test'
import { createLogger } from '../../src/lib/logger.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'secrets.test'
const lines: string[] = []
/** Every secret seen or used, with what it is (for the failure message). */
const secrets = new Map<string, string>()
let t: TestServer
let user: { did: string; accessJwt: string }

function secret(what: string, value: string): void {
  assert.ok(value.length >= 8, `${what} is too short to search for`)
  secrets.set(value, what)
}

/** A JWT, and its signature alone (a line holding half a token is a leak too). */
function jwt(what: string, token: string): void {
  secret(what, token)
  secret(`${what} signature`, token.split('.')[2] as string)
}

before(async () => {
  const capture = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  t = await startTestServer({ config: { logLevel: 'trace' }, logger: createLogger('trace', capture) })
  const { config } = t.ctx
  secret('adminKey', config.adminKey)
  secret('jwtSecret', config.jwtSecret)
  secret('keyEncryptionKey', config.keyEncryptionKey)
  secret('plcRotationKey', config.plcRotationKey)
  const basic = `Basic ${Buffer.from(`admin:${config.adminKey}`).toString('base64')}`
  secret('admin Basic credentials', basic.slice(6))

  // addDomain generates the owner's password and returns it once.
  const added = await xrpc(t.url, 'host.primal.pds.addDomain', { auth: basic, body: { domain: DOMAIN } })
  assert.equal(added.status, 200, JSON.stringify(added.body))
  const owner = (added.body as { owner: { did: string; password: string } }).owner
  secret('generated owner password', owner.password)

  const password = 'hunter2-but-longer-and-secret'
  secret('account password', password)
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: config.adminKey,
    body: { handle: `alice.${DOMAIN}`, password },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const did = made.body.did as string

  const login = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier: did, password } })
  assert.equal(login.status, 200)
  jwt('accessJwt', login.body.accessJwt as string)
  jwt('refreshJwt', login.body.refreshJwt as string)
  assert.equal(
    (await xrpc(t.url, 'com.atproto.server.getSession', { auth: login.body.accessJwt as string })).status,
    200,
  )

  const refreshed = await xrpc(t.url, 'com.atproto.server.refreshSession', {
    post: true,
    auth: login.body.refreshJwt as string,
  })
  assert.equal(refreshed.status, 200)
  jwt('refreshed accessJwt', refreshed.body.accessJwt as string)
  jwt('refreshed refreshJwt', refreshed.body.refreshJwt as string)
  user = { did, accessJwt: refreshed.body.accessJwt as string }

  const record = { $type: 'app.bsky.feed.post', text: 'hello', createdAt: new Date().toISOString() }
  const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: user.accessJwt,
    body: { repo: did, collection: 'app.bsky.feed.post', record },
  })
  assert.equal(write.status, 200, JSON.stringify(write.body))
  const uri = (write.body.uri as string).split('/')
  const read = await xrpc(t.url, 'com.atproto.repo.getRecord', {
    params: { repo: did, collection: 'app.bsky.feed.post', rkey: uri.at(-1) as string },
  })
  assert.equal(read.status, 200)

  const wrongPassword = 'not-the-password-either'
  secret('wrong password', wrongPassword)
  const refused = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: did, password: wrongPassword },
  })
  assert.equal(refused.status, 401)
  const wrongKey = 'wrong-admin-key-0123456789'
  secret('wrong admin key', wrongKey)
  assert.equal((await xrpc(t.url, 'host.primal.pds.listDomains', { auth: wrongKey })).status, 401)
  // A replayed refresh token of a session logged out and a forged token are refused, and not logged either.
  const logout = await xrpc(t.url, 'com.atproto.server.deleteSession', {
    post: true,
    auth: refreshed.body.refreshJwt as string,
  })
  assert.equal(logout.status, 200)
  const replay = await xrpc(t.url, 'com.atproto.server.refreshSession', {
    post: true,
    auth: login.body.refreshJwt as string,
  })
  assert.equal(replay.status, 400)

  // The accounts' private signing keys, as the server holds them once decrypted.
  const vault = new SigningKeyVault(config.keyEncryptionKey)
  const store = (await t.ctx.registry.activeDomain(DOMAIN))?.db_name as string
  const sealed = await t.ctx.storage.withTenant(store, (db) => db.selectFrom('account').select('signing_key').execute())
  assert.equal(sealed.length, 2)
  for (const [i, row] of sealed.entries()) {
    const key = Buffer.from(await (await vault.open(row.signing_key)).export())
    secret(`signing key ${i} (hex)`, key.toString('hex'))
    secret(`signing key ${i} (base64)`, key.toString('base64'))
    secret(`signing key ${i} (base64url)`, key.toString('base64url'))
  }
  // A request's line is written as it ends, which may be just after the client has the answer.
  const deadline = Date.now() + 10_000
  while (!lines.some((l) => l.includes('"nsid":"com.atproto.server.refreshSession","status":400'))) {
    assert.ok(Date.now() < deadline, 'the last request line never came')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
})
after(() => t?.close())

test('no secret appears in any log line, even at trace level', () => {
  assert.ok(lines.length > 10, `only ${lines.length} lines captured`)
  const all = lines.join('')
  for (const [value, what] of secrets) {
    assert.ok(!all.includes(value), `${what} appears in the log`)
  }
})

test('request lines say who and which tenant, and nothing of headers or bodies', () => {
  const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'request')
  const write = requests.find((l) => l.nsid === 'com.atproto.repo.createRecord')
  assert.ok(write, 'no createRecord request line')
  assert.equal(write.did, user.did)
  assert.equal(write.tenant, DOMAIN)
  assert.equal(write.status, 200)
  assert.equal(write.method, 'POST')
  assert.equal(typeof write.ms, 'number')
  assert.equal(typeof write.ip, 'string')
  // An anonymous read names the tenant it read from, and no DID.
  const read = requests.find((l) => l.nsid === 'com.atproto.repo.getRecord')
  assert.equal(read?.tenant, DOMAIN)
  assert.equal(read?.did, undefined)
  const refused = requests.find((l) => l.nsid === 'host.primal.pds.listDomains')
  assert.equal(refused?.status, 401)
  const allowed = new Set([
    'level',
    'time',
    'service',
    'msg',
    'method',
    'nsid',
    'route',
    'status',
    'ms',
    'ip',
    'did',
    'tenant',
  ])
  for (const line of requests) {
    for (const key of Object.keys(line)) assert.ok(allowed.has(key), `request line field ${key}`)
  }
})
