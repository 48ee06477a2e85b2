// The OAuth provider's stores over the management database, on real Postgres
// (two storages on one database: two server processes) and on the embedded
// PGlite: what goes in comes back with its Dates, a code and a nonce are each
// taken once however many ask at once, a used refresh token is never issued
// again, deletions take what hangs off them, and the sweep drops only what
// can serve no more.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type {
  Account,
  ClientId,
  Code,
  CreateTokenData,
  DeviceData,
  DeviceId,
  Did,
  LexiconData,
  RefreshToken,
  RequestData,
  RequestId,
  TokenId,
} from '@atproto/oauth-provider/store'
import { createLogger } from '../../src/lib/logger.js'
import { OAuthStores } from '../../src/oauth/oauth-stores.js'
import { EmbeddedStorage } from '../../src/storage/embedded.js'
import { PostgresStorage } from '../../src/storage/postgres.js'
import type { Storage } from '../../src/storage/storage.js'
import { dropDatabases, uniqueDbName, urlFor } from '../helpers/postgres.js'

const CLIENT = 'https://app.example.com/client-metadata.json' as ClientId
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

type Engine = {
  /** Two storages on one management database (on Postgres two pools, as two processes have; embedded: the same one twice). */
  open(): Promise<[Storage, Storage]>
  close(): Promise<void>
}

const postgres = (): Engine => {
  const name = uniqueDbName()
  const opened: Storage[] = []
  return {
    async open() {
      const config = { url: urlFor(name), maxConnections: 20, tenantPoolSize: 2, idleTimeoutMs: 10_000 }
      const logger = createLogger('error', 'stderr')
      const a = await PostgresStorage.open(config, logger)
      opened.push(a)
      await a.migrateManagement()
      const b = await PostgresStorage.open(config, logger)
      opened.push(b)
      return [a, b]
    },
    async close() {
      for (const s of opened) await s.close()
      await dropDatabases(name)
    },
  }
}

const embedded = (): Engine => {
  const dir = mkdtempSync(join(tmpdir(), 'primal-pds-oauth-'))
  let storage: Storage | undefined
  return {
    async open() {
      storage = await EmbeddedStorage.open(dir)
      await storage.migrateManagement()
      return [storage, storage]
    },
    async close() {
      await storage?.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

for (const [engineName, engine] of [
  ['Postgres', postgres],
  ['embedded PGlite', embedded],
] as const) {
  describe(`OAuth stores on ${engineName}`, () => {
    const e = engine()
    let storage: Storage
    /** Accounts that exist; a test deletes one to see its rows left out. */
    const accounts = new Map<string, Account>()
    let stores: OAuthStores
    let other: OAuthStores

    before(async () => {
      const [a, b] = await e.open()
      storage = a
      const accountOf = async (did: string) => accounts.get(did) ?? null
      stores = new OAuthStores(() => a.managementTransactor, accountOf)
      other = new OAuthStores(() => b.managementTransactor, accountOf)
    })
    after(() => e.close())

    let n = 0
    /** A fresh account, known to accountOf. */
    function account(): Account {
      n++
      const did = `did:plc:oauthtest${n}` as Did
      const a = { did, sub: did, aud: 'did:web:pds.test', handle: `user${n}.test`, email: `u${n}@x.test` }
      accounts.set(did, a as unknown as Account)
      return a as unknown as Account
    }
    const unique = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2)}`

    function device(at = new Date('2026-03-04T05:06:07.891Z')): DeviceData {
      return {
        sessionId: unique('ses') as DeviceData['sessionId'],
        userAgent: 'Test/1.0',
        ipAddress: '198.51.100.4',
        lastSeenAt: at,
      }
    }

    function request(over: Partial<RequestData> = {}): RequestData {
      return {
        clientId: CLIENT,
        clientAuth: { method: 'none' },
        parameters: {
          client_id: CLIENT,
          response_type: 'code',
          redirect_uri: 'https://app.example.com/callback',
          scope: 'atproto transition:generic',
          code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
          code_challenge_method: 'S256',
        } as RequestData['parameters'],
        expiresAt: new Date(Date.now() + 5 * MINUTE),
        deviceId: null,
        did: null,
        code: null,
        ...over,
      }
    }

    function token(did: Did, over: Partial<CreateTokenData> = {}): CreateTokenData {
      const now = new Date(Math.floor(Date.now() / 1000) * 1000 + 123)
      return {
        createdAt: now,
        updatedAt: now,
        expiresAt: new Date(now.getTime() + 60 * MINUTE),
        clientId: CLIENT,
        clientAuth: { method: 'private_key_jwt', alg: 'ES256', kid: 'k1', jkt: 'thumb', jti: 'j1', exp: 1_900_000_000 },
        deviceId: null,
        did,
        parameters: request().parameters as CreateTokenData['parameters'],
        details: null,
        code: null,
        scope: 'atproto transition:generic',
        ...over,
      }
    }

    const usedRows = async () =>
      (await storage.management.selectFrom('oauth_used_refresh_token').select('refresh_token').execute()).map(
        (r) => r.refresh_token,
      )

    test('a device comes back as it went in, Dates as Dates; an update changes only what it names', async () => {
      const id = unique('dev') as DeviceId
      const data = device()
      await stores.createDevice(id, data)
      const read = await other.readDevice(id)
      assert.deepEqual(read, data)
      assert.ok(read?.lastSeenAt instanceof Date)

      const seen = new Date('2026-03-05T00:00:00.001Z')
      await stores.updateDevice(id, { lastSeenAt: seen, userAgent: null })
      assert.deepEqual(await stores.readDevice(id), { ...data, lastSeenAt: seen, userAgent: null })
      assert.equal(await stores.readDevice(unique('dev') as DeviceId), null)
    })

    test('device accounts: signed in again keeps createdAt and moves updatedAt; they carry the account and its clients', async () => {
      const a = account()
      const id = unique('dev') as DeviceId
      const data = device()
      await stores.createDevice(id, data)
      await stores.upsertDeviceAccount(id, a.did)
      const first = await stores.getDeviceAccount(id, a.did)
      assert.ok(first)
      assert.ok(first.createdAt instanceof Date && first.updatedAt instanceof Date)
      assert.deepEqual(first.deviceData, data)
      assert.deepEqual(first.account, a)
      assert.equal(first.authorizedClients.size, 0)

      await stores.setAuthorizedClient(a.did, CLIENT, { authorizedScopes: ['atproto'] })
      await stores.setAuthorizedClient(a.did, CLIENT, { authorizedScopes: ['atproto', 'transition:generic'] })
      await new Promise((r) => setTimeout(r, 5)) // a later millisecond, so updatedAt can be seen to move
      await other.upsertDeviceAccount(id, a.did)
      const again = await other.getDeviceAccount(id, a.did)
      assert.ok(again)
      assert.equal(again.createdAt.getTime(), first.createdAt.getTime())
      assert.ok(again.updatedAt > first.updatedAt)
      assert.deepEqual(
        again.authorizedClients,
        new Map([[CLIENT, { authorizedScopes: ['atproto', 'transition:generic'] }]]),
      )
      assert.deepEqual(await stores.authorizedClients(a.did), again.authorizedClients)

      const b = account()
      await stores.upsertDeviceAccount(id, b.did)
      const onDevice = await stores.listDeviceAccounts({ deviceId: id })
      assert.deepEqual(onDevice.map((d) => d.account.did).sort(), [a.did, b.did].sort())
      assert.deepEqual(
        (await stores.listDeviceAccounts({ did: a.did })).map((d) => d.deviceId),
        [id],
      )

      await stores.removeDeviceAccount(id, b.did)
      assert.equal(await stores.getDeviceAccount(id, b.did), null)
      assert.ok(await stores.getDeviceAccount(id, a.did), 'only the one link removed')
    })

    test('the links of an account that is gone are left out', async () => {
      const a = account()
      const b = account()
      const id = unique('dev') as DeviceId
      await stores.createDevice(id, device())
      await stores.upsertDeviceAccount(id, a.did)
      await stores.upsertDeviceAccount(id, b.did)
      accounts.delete(b.did)
      assert.deepEqual(
        (await stores.listDeviceAccounts({ deviceId: id })).map((d) => d.account.did),
        [a.did],
      )
      assert.equal(await stores.getDeviceAccount(id, b.did), null)
    })

    test('deleting a device deletes its account links', async () => {
      const a = account()
      const id = unique('dev') as DeviceId
      await stores.createDevice(id, device())
      await stores.upsertDeviceAccount(id, a.did)
      await stores.deleteDevice(id)
      assert.equal(await stores.readDevice(id), null)
      assert.deepEqual(await stores.listDeviceAccounts({ did: a.did }), [])
      const links = await storage.management
        .selectFrom('oauth_device_account')
        .select('did')
        .where('device_id', '=', id)
        .execute()
      assert.deepEqual(links, [])
    })

    test('a request comes back as it went in, updated field by field, and expired ones are still read', async () => {
      const id = unique('req') as RequestId
      const data = request()
      await stores.createRequest(id, data)
      const read = await other.readRequest(id)
      assert.deepEqual(read, data)
      assert.ok(read?.expiresAt instanceof Date)

      const a = account()
      const dev = unique('dev') as DeviceId
      const code = unique('cod') as Code
      const expiresAt = new Date(Date.now() - MINUTE)
      const parameters = { ...data.parameters, prompt: 'consent' } as RequestData['parameters']
      await stores.updateRequest(id, { did: a.did, deviceId: dev, code, expiresAt, parameters })
      assert.deepEqual(await stores.readRequest(id), {
        ...data,
        did: a.did,
        deviceId: dev,
        code,
        expiresAt,
        parameters,
      })

      await stores.deleteRequest(id)
      assert.equal(await stores.readRequest(id), null)
    })

    test('a code is consumed once: of two at once, exactly one gets the request', async () => {
      const id = unique('req') as RequestId
      const code = unique('cod') as Code
      const data = request({ code })
      await stores.createRequest(id, data)
      const results = await Promise.all([stores.consumeRequestCode(code), other.consumeRequestCode(code)])
      const won = results.filter((r) => r !== null)
      assert.equal(won.length, 1)
      assert.deepEqual(won[0], { requestId: id, data })
      assert.equal(await stores.readRequest(id), null, 'the request went with its code')
      assert.equal(await stores.consumeRequestCode(code), null)
    })

    test('a token comes back as it went in, by its id, its code and its account; not once the account is gone', async () => {
      const a = account()
      const id = unique('tok') as TokenId
      const code = unique('cod') as Code
      const refresh = unique('ref') as RefreshToken
      const data = token(a.did, { code, deviceId: unique('dev') as DeviceId })
      await stores.createToken(id, data, refresh)
      const read = await other.readToken(id)
      assert.deepEqual(read, { id, data, account: a, currentRefreshToken: refresh })
      assert.ok(read?.data.createdAt instanceof Date && read.data.expiresAt instanceof Date)
      assert.deepEqual(await stores.findTokenByCode(code), read)
      assert.deepEqual(await stores.findTokenByRefreshToken(refresh), read)
      assert.deepEqual(await stores.listAccountTokens(a.did), [read])

      const noRefresh = unique('tok') as TokenId
      await stores.createToken(noRefresh, token(a.did))
      assert.equal((await stores.readToken(noRefresh))?.currentRefreshToken, null)

      accounts.delete(a.did)
      assert.equal(await stores.readToken(id), null)
      assert.deepEqual(await stores.listAccountTokens(a.did), [])
    })

    test('rotation: the old refresh token is marked used and still finds the token, so a replay is seen', async () => {
      const a = account()
      const [id1, id2] = [unique('tok'), unique('tok')] as TokenId[]
      const [r1, r2] = [unique('ref'), unique('ref')] as RefreshToken[]
      const data = token(a.did)
      await stores.createToken(id1, data, r1)
      const updatedAt = new Date(data.updatedAt.getTime() + MINUTE)
      const expiresAt = new Date(updatedAt.getTime() + 60 * MINUTE)
      const clientAuth = { method: 'none' } as const
      await other.rotateToken(id1, id2, r2, { updatedAt, expiresAt, clientAuth, scope: 'atproto' })

      assert.equal(await stores.readToken(id1), null)
      const now = await stores.readToken(id2)
      assert.deepEqual(now, {
        id: id2,
        account: a,
        currentRefreshToken: r2,
        data: { ...data, updatedAt, expiresAt, clientAuth, scope: 'atproto' },
      })
      const byOld = await stores.findTokenByRefreshToken(r1)
      assert.equal(byOld?.id, id2)
      assert.equal(byOld?.currentRefreshToken, r2, 'the provider compares this with the one presented: a replay')
      assert.ok((await usedRows()).includes(r1))
      await assert.rejects(stores.createToken(unique('tok') as TokenId, token(a.did), r1), /already in use/)
    })

    /** What a rotation of `data` writes: a fresh access token's times, the same client and the atproto scope. */
    function rotated(data: ReturnType<typeof token>) {
      return {
        updatedAt: new Date(),
        expiresAt: new Date(Date.now() + MINUTE),
        clientAuth: data.clientAuth,
        scope: 'atproto',
      }
    }

    test('a rotation to a refresh token already used is refused, and the old one stays marked used', async () => {
      const a = account()
      const [id1, id2, id3] = [unique('tok'), unique('tok'), unique('tok')] as TokenId[]
      const [r1, r2] = [unique('ref'), unique('ref')] as RefreshToken[]
      const data = token(a.did)
      const next = rotated(data)
      await stores.createToken(id1, data, r1)
      await stores.rotateToken(id1, id2, r2, next)
      // r1 is used now: a rotation handing it out again is refused.
      await assert.rejects(stores.rotateToken(id2, id3, r1, next), /already in use/)
      assert.ok((await usedRows()).includes(r2), 'the refused rotation still marked the current refresh token used')
      const still = await stores.readToken(id2)
      assert.equal(still?.currentRefreshToken, r2, 'the token was not rotated')
      assert.equal(await stores.readToken(id3), null)
      await assert.rejects(stores.rotateToken(unique('tok') as TokenId, id3, unique('ref') as RefreshToken, next))
    })

    test('of two rotations of one token at once, exactly one happens', async () => {
      const a = account()
      const [id1, id2, id3] = [unique('tok'), unique('tok'), unique('tok')] as TokenId[]
      const [r1, r2, r3] = [unique('ref'), unique('ref'), unique('ref')] as RefreshToken[]
      const data = token(a.did)
      const next = rotated(data)
      await stores.createToken(id1, data, r1)
      const outcomes = await Promise.allSettled([
        stores.rotateToken(id1, id2, r2, next),
        other.rotateToken(id1, id3, r3, next),
      ])
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1)
      const winner = outcomes[0].status === 'fulfilled' ? { id: id2, refresh: r2 } : { id: id3, refresh: r3 }
      assert.equal((await stores.findTokenByRefreshToken(r1))?.currentRefreshToken, winner.refresh)
      assert.equal((await stores.listAccountTokens(a.did)).length, 1)
      assert.equal((await stores.readToken(winner.id))?.currentRefreshToken, winner.refresh)
    })

    test('deleting a token deletes its used refresh tokens', async () => {
      const a = account()
      const [id1, id2] = [unique('tok'), unique('tok')] as TokenId[]
      const [r1, r2] = [unique('ref'), unique('ref')] as RefreshToken[]
      const data = token(a.did)
      await stores.createToken(id1, data, r1)
      await stores.rotateToken(id1, id2, r2, { ...data, scope: 'atproto' })
      assert.ok((await usedRows()).includes(r1))
      await stores.deleteToken(id2)
      assert.equal(await stores.readToken(id2), null)
      assert.ok(!(await usedRows()).includes(r1))
      assert.equal(await stores.findTokenByRefreshToken(r1), null)
      assert.equal(await stores.findTokenByRefreshToken(r2), null)
    })

    test('a nonce is unique once within its time frame, however many ask at once', async () => {
      const nonce = unique('jti')
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? stores : other).unique('DPoP', nonce, MINUTE)),
      )
      assert.equal(answers.filter(Boolean).length, 1)
      assert.equal(await stores.unique('DPoP', nonce, MINUTE), false)
      assert.equal(await stores.unique(`DPoP@${CLIENT}`, nonce, MINUTE), true, 'namespaces are apart')
    })

    test('a nonce whose time frame ended may be taken again, once', async () => {
      const oauth = storage.managementTransactor.oauth
      const nonce = unique('jti')
      // A time frame that ended a few seconds ago, by the clock unique() reads.
      const t0 = Date.now() - 5000
      const iso = (ms: number) => new Date(ms).toISOString()
      assert.equal(await oauth.takeNonce('Auth', nonce, iso(t0), iso(t0 + 1000)), true)
      assert.equal(await oauth.takeNonce('Auth', nonce, iso(t0 + 999), iso(t0 + 1999)), false, 'within its frame')
      const again = await Promise.all([stores.unique('Auth', nonce, MINUTE), other.unique('Auth', nonce, MINUTE)])
      assert.equal(again.filter(Boolean).length, 1)
      assert.equal(await stores.unique('Auth', nonce, MINUTE), false)
    })

    test('a lexicon comes back as it went in; deleted, it is gone', async () => {
      const nsid = `com.example.perm${++n}`
      const data: LexiconData = {
        createdAt: new Date('2026-01-01T00:00:00.001Z'),
        updatedAt: new Date('2026-01-02T00:00:00.002Z'),
        lastSucceededAt: null,
        uri: `at://did:plc:x/com.atproto.lexicon.schema/${nsid}`,
        lexicon: { lexicon: 1, id: nsid, defs: {} } as unknown as LexiconData['lexicon'],
      }
      await stores.storeLexicon(nsid, data)
      assert.deepEqual(await other.findLexicon(nsid), data)
      const succeeded = { ...data, lastSucceededAt: new Date('2026-01-03T00:00:00.003Z') }
      await stores.storeLexicon(nsid, succeeded)
      assert.deepEqual(await stores.findLexicon(nsid), succeeded)
      await stores.deleteLexicon(nsid)
      assert.equal(await stores.findLexicon(nsid), null)
    })

    test('the sweep drops expired requests and nonces, and tokens that can neither be used nor refreshed', async () => {
      const now = new Date(Date.now() + 365 * DAY) // after everything the other tests left
      const t = now.getTime()
      const before = (ms: number) => new Date(t - ms)
      const a = account()

      const oldRequest = unique('req') as RequestId
      const graceRequest = unique('req') as RequestId
      await stores.createRequest(oldRequest, request({ expiresAt: before(11 * MINUTE) }))
      await stores.createRequest(graceRequest, request({ expiresAt: before(MINUTE) }))

      const oauth = storage.managementTransactor.oauth
      const [oldNonce, liveNonce] = [unique('jti'), unique('jti')]
      await oauth.takeNonce('Auth', oldNonce, before(2 * MINUTE).toISOString(), before(MINUTE).toISOString())
      await oauth.takeNonce('Auth', liveNonce, now.toISOString(), new Date(t + MINUTE).toISOString())

      const tokens = {
        // Access token expired an hour ago, refreshed recently: the session goes on.
        refreshable: token(a.did, {
          createdAt: before(DAY),
          updatedAt: before(2 * 60 * MINUTE),
          expiresAt: before(60 * MINUTE),
        }),
        // Access token still valid.
        live: token(a.did, {
          createdAt: before(1000 * DAY),
          updatedAt: before(200 * DAY),
          expiresAt: new Date(t + MINUTE),
        }),
        // Expired, and no refresh token to go on with.
        noRefresh: token(a.did, {
          expiresAt: before(MINUTE),
          createdAt: before(2 * MINUTE),
          updatedAt: before(2 * MINUTE),
        }),
        // Expired, last refreshed longer ago than any client may wait.
        stale: token(a.did, {
          createdAt: before(200 * DAY),
          updatedAt: before(100 * DAY),
          expiresAt: before(99 * DAY),
        }),
        // Expired, and older than the longest session.
        ancient: token(a.did, { createdAt: before(800 * DAY), updatedAt: before(DAY), expiresAt: before(MINUTE) }),
      }
      const ids = Object.fromEntries(Object.keys(tokens).map((k) => [k, unique('tok') as TokenId]))
      for (const [k, data] of Object.entries(tokens)) {
        await stores.createToken(ids[k], data, k === 'noRefresh' ? undefined : (unique('ref') as RefreshToken))
      }

      // A device no one signed in on, idle for two days, goes; one as idle with an account signed in stays.
      const [idleDevice, usedDevice, freshDevice] = [unique('dev'), unique('dev'), unique('dev')] as DeviceId[]
      await stores.createDevice(idleDevice, device(before(2 * DAY)))
      await stores.createDevice(usedDevice, device(before(2 * DAY)))
      await stores.upsertDeviceAccount(usedDevice, a.did as Did)
      await stores.createDevice(freshDevice, device(before(MINUTE)))

      const report = await stores.sweepExpired(now)
      assert.ok(report.requests >= 1 && report.nonces >= 1 && report.tokens >= 3 && report.devices >= 1)
      assert.equal(await stores.readDevice(idleDevice), null)
      assert.ok(await stores.readDevice(usedDevice), 'a device an account is signed in on stays')
      assert.ok(await stores.readDevice(freshDevice), 'a device seen lately stays')
      assert.equal(await stores.readRequest(oldRequest), null)
      assert.ok(
        await stores.readRequest(graceRequest),
        'expired within the grace: the provider may still report it expired',
      )
      assert.equal(await oauth.takeNonce('Auth', oldNonce, now.toISOString(), new Date(t + 1).toISOString()), true)
      assert.equal(await oauth.takeNonce('Auth', liveNonce, now.toISOString(), new Date(t + 1).toISOString()), false)
      const left = Object.fromEntries(
        await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, (await stores.readToken(id)) !== null])),
      )
      assert.deepEqual(left, { refreshable: true, live: true, noRefresh: false, stale: false, ancient: false })
      const nonces = await storage.management
        .selectFrom('oauth_replay_nonce')
        .select('expires_at')
        .where('expires_at', '<', now.toISOString())
        .execute()
      assert.deepEqual(nonces, [], 'no expired nonce left')
    })
  })
}
