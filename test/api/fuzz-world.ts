// The world the API fuzzer works in: one server on Postgres with rate limits
// off, two domains (one open to agents) and a spare one, accounts with
// records and a blob, live tokens. `snapshot` reads everything a request could
// change straight from the databases; `restore` puts the seed back after a
// request that was allowed to change it.
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { DEFAULT_RATE_LIMITS } from '../../src/config/config.js'
import { createLogger } from '../../src/lib/logger.js'
import type { TenantDb } from '../../src/storage/storage.js'
import { type AgentKey, agentDomain, ed25519Key, loginAgent, registerAgent } from '../agents/helpers.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import type { Pools } from './arbitraries.js'

const PASSWORD = 'correct horse battery'
/** Domain settings restore puts back; null is the server default. */
const CORE_DOMAINS = {
  'alpha.test': { agent_registration: null, pow_difficulty: null },
  'beta.test': { agent_registration: true, pow_difficulty: 1 },
} as const
const SPARE_HANDLE = 'spare.alpha.test'

/** A seeded account the fuzzer logs in as; `key` marks an agent, which logs in by signature. */
export type Member = {
  did: string
  handle: string
  role: 'owner' | 'user'
  key?: AgentKey
  access: string
  refresh: string
}

export type World = {
  t: TestServer
  /** Token holders: alice, bob, carol, alpha's owner, the agent. */
  members: Member[]
  /** Identifiers for generated values; `spare` holds only what destructive calls may destroy. */
  pools: Pools
  spare: Pools
  /** Lines the server logged at error level or above, not yet looked at. */
  errors: string[]
  /** The domain removeDomain may remove; each one gets a new name (see restore). */
  spareDomain: string
  sparesMade: number
}

export async function startWorld(): Promise<World> {
  // Every rate limit off, including any added since this was written.
  const off = { points: 0, windowSeconds: 60 }
  const rateLimits = Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, off]))
  const errors: string[] = []
  // Error lines are kept for the properties to check: a request may fail loudly without a 5xx.
  // Logging at info all the same, as a server runs: the per-request log line is code that runs (and can fail) too.
  const logger = createLogger('info', {
    write: (line: string) => {
      if (/^\{"level":(5|6)\d,/.test(line)) errors.push(line)
    },
  })
  const t = await startTestServer({
    backend: 'postgres',
    logger,
    config: {
      rateLimits,
      registrationOpen: true,
      // A CAR import's own limit, small enough that bodies past it are cheap to send.
      limits: { importRepoBytes: 2 * 1024 * 1024 },
    },
  })
  const owner = (await addDomain(t, 'alpha.test', { ownerPassword: PASSWORD })).owner
  await agentDomain(t, 'beta.test', 1)
  const members: Member[] = []
  for (const handle of ['alice.alpha.test', 'bob.alpha.test', 'carol.beta.test']) {
    const res = await call(t, 'host.primal.pds.createAccount', { handle, password: PASSWORD })
    members.push({ did: res.did as string, handle, role: 'user', access: '', refresh: '' })
  }
  members.push({ did: owner.did, handle: owner.handle, role: 'owner', access: '', refresh: '' })
  const key = ed25519Key()
  const agent = await registerAgent(t, 'beta.test', key)
  members.push({ did: agent.did, handle: agent.handle, role: 'user', key, access: '', refresh: '' })
  for (const m of members) await logIn(t, m)
  await seedRecords(t, members)
  const empty = (self: boolean): Pools => ({
    dids: [],
    handles: [],
    domains: [],
    uris: [],
    cids: [],
    rkeys: [],
    revs: [],
    self,
  })
  const world = { t, members, errors, pools: empty(true), spare: empty(false), spareDomain: '', sparesMade: 0 }
  await restore(world)
  return world
}

async function call(t: TestServer, nsid: string, body: unknown, auth = t.adminKey) {
  const res = await xrpc(t.url, nsid, { auth, body })
  assert.equal(res.status, 200, `${nsid}: ${JSON.stringify(res.body)}`)
  return res.body
}

async function logIn(t: TestServer, m: Member): Promise<void> {
  const res = m.key
    ? await loginAgent(t, m.did, m.key)
    : await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier: m.did, password: PASSWORD } })
  assert.equal(res.status, 200, `log in ${m.handle}: ${JSON.stringify(res.body)}`)
  m.access = res.body.accessJwt as string
  m.refresh = res.body.refreshJwt as string
}

/** Posts, a blob in use, a skill listing and a review of it. */
async function seedRecords(t: TestServer, [alice, bob, carol]: Member[]): Promise<void> {
  if (!alice || !bob || !carol) throw new Error('seed accounts missing')
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
  const upload = await fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.access}`, 'content-type': 'image/png' },
    body: png,
  })
  assert.equal(upload.status, 200)
  const { blob } = (await upload.json()) as { blob: unknown }
  const createdAt = new Date().toISOString()
  const create = (m: Member, collection: string, record: unknown) =>
    call(t, 'com.atproto.repo.createRecord', { repo: m.did, collection, record }, m.access)
  await create(alice, 'app.bsky.feed.post', {
    text: 'a picture',
    createdAt,
    embed: { $type: 'app.bsky.embed.images', images: [{ image: blob, alt: 'x' }] },
  })
  await create(alice, 'is.gather.feed.post', { text: 'hello agents', createdAt })
  const listing = await create(bob, 'is.gather.skill.listing', {
    name: 'Translate',
    description: 'Translates text',
    version: '1.0.0',
    createdAt,
  })
  await create(carol, 'is.gather.skill.review', {
    subject: { uri: listing.uri, cid: listing.cid },
    rating: 4,
    createdAt,
  })
}

const COUNTED = [
  'record',
  'blob',
  'record_blob',
  'repo_block',
  'outbox',
  'refresh_token',
  'app_password',
  'account_pref',
  'plc_operation',
  'search_doc',
  'skill_review',
  'listing_version',
]

/**
 * Counts of every tenant table and the rows that matter in full, in one round
 * trip (the world runs on Postgres, where a tenant is a database of its own).
 */
async function tenantState(db: TenantDb): Promise<unknown> {
  const rows = (table: string, columns: string) =>
    sql.raw(`(select coalesce(json_agg(t order by t.did), '[]') from (select ${columns} from ${table}) t)`)
  const counts = sql.join(COUNTED.map((table) => sql.raw(`'${table}', (select count(*) from ${table})`)))
  const { rows: result } = await sql<{ state: unknown }>`select json_build_object(
    'counts', json_build_object(${counts}),
    'accounts', ${rows('account', 'did, handle, email, password_hash, role, status, updated_at')},
    'roots', ${rows('repo_root', 'did, cid, rev')},
    'agents', ${rows('agent_key', 'did, public_key, trusted')}
  ) as state`.execute(db)
  return result[0]?.state
}

/** Everything a refused request must leave as it was (agent challenges aside: an attempt spends one by design). */
export async function snapshot(world: World) {
  const { ctx } = world.t
  // Events of an earlier, allowed request must be sequenced before we compare.
  await ctx.sequencer.idle()
  const m = ctx.storage.management
  const domains = await m.selectFrom('domain').selectAll().orderBy('name').execute()
  const routes = await m.selectFrom('did_routing').selectAll().orderBy('did').execute()
  const head = await m
    .selectFrom('firehose_event')
    .select((eb) => [eb.fn.max('seq').as('seq'), eb.fn.countAll<string>().as('n')])
    .executeTakeFirstOrThrow()
  const outbox = await m
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  const active = domains.filter((d) => d.status === 'active')
  const states = await Promise.all(active.map((d) => ctx.storage.withTenant(d.db_name, tenantState)))
  const tenants = Object.fromEntries(active.map((d, i) => [d.name, states[i]]))
  return { domains, routes, head: { seq: head.seq, n: head.n, outbox: outbox.n }, tenants }
}

export type Snapshot = Awaited<ReturnType<typeof snapshot>>

/**
 * After a request that succeeded (and so may have changed anything): the
 * core seed back as it was, the spare domain and account back if destroyed,
 * live tokens, and pools that name what exists now.
 */
export async function restore(world: World, lastNsid = ''): Promise<void> {
  const { t, members } = world
  await t.ctx.sequencer.idle()
  const domains = await t.ctx.registry.listDomains()
  // Domains the fuzzer added go again: every snapshot reads every tenant, so their number stays small.
  for (const d of domains) {
    if (!(d.name in CORE_DOMAINS) && d.name !== world.spareDomain)
      await call(t, 'host.primal.pds.removeDomain', { domain: d.name })
  }
  if (!domains.some((d) => d.name === world.spareDomain)) {
    // A new name each time: a domain added again under a removed one's name loses its
    // firehose events (their outbox ids pass for the old ones'), a known bug not tested here.
    world.spareDomain = `spare${++world.sparesMade}.test`
    await addDomain(t, world.spareDomain)
  }
  for (const [name, want] of Object.entries(CORE_DOMAINS)) {
    const d = domains.find((x) => x.name === name)
    assert.ok(d, `core domain ${name} is gone`)
    if (d.agent_registration !== want.agent_registration || d.pow_difficulty !== want.pow_difficulty) {
      const settings =
        want.agent_registration === null
          ? { resetToDefaults: true }
          : { agentRegistration: want.agent_registration, powDifficulty: want.pow_difficulty }
      await call(t, 'host.primal.pds.updateDomain', { domain: name, ...settings })
    }
  }
  const accounts = await accountsOf(world)
  if (!accounts.some((a) => a.handle === SPARE_HANDLE)) {
    await call(t, 'host.primal.pds.createAccount', { handle: SPARE_HANDLE, password: PASSWORD })
  }
  // An operator's password change ends the account's sessions too: the seed's password first, then log in again.
  const passwordChanged = lastNsid === 'com.atproto.admin.updateAccountPassword'
  for (const m of members) {
    const row = accounts.find((a) => a.did === m.did)
    assert.ok(row, `core account ${m.handle} is gone`)
    if (passwordChanged) await call(t, 'com.atproto.admin.updateAccountPassword', { did: m.did, password: PASSWORD })
    if (row.status !== 'active') await call(t, 'host.primal.pds.updateAccountStatus', { did: m.did, status: 'active' })
    if (row.deactivated_at !== null) {
      const subject = { $type: 'com.atproto.admin.defs#repoRef', did: m.did }
      await call(t, 'com.atproto.admin.updateSubjectStatus', { subject, deactivated: { applied: false } })
    }
    if (row.role !== m.role) await call(t, 'host.primal.pds.updateAccountRole', { did: m.did, role: m.role })
    const session = await xrpc(t.url, 'com.atproto.server.getSession', { auth: m.access })
    // A refresh or logout may have spent any seeded refresh token.
    if (session.status !== 200 || /refreshSession|deleteSession/.test(lastNsid)) await logIn(t, m)
    if (row.handle !== m.handle) await call(t, 'com.atproto.identity.updateHandle', { handle: m.handle }, m.access)
  }
  if (lastNsid === 'com.atproto.admin.updateSubjectStatus') await liftTakedowns(world)
  await refillPools(world)
}

/** Records and blobs served again, as the seed has them. */
async function liftTakedowns(world: World): Promise<void> {
  const { ctx } = world.t
  for (const d of await ctx.registry.listDomains()) {
    if (d.status !== 'active') continue
    await ctx.storage.withTenant(d.db_name, async (db) => {
      await db.updateTable('record').set({ takedown_ref: null }).where('takedown_ref', 'is not', null).execute()
      await db.updateTable('blob').set({ takedown_ref: null }).where('takedown_ref', 'is not', null).execute()
    })
  }
}

async function accountsOf(world: World) {
  const { ctx } = world.t
  const active = (await ctx.registry.listDomains()).filter((d) => d.status === 'active')
  const perTenant = await Promise.all(
    active.map((d) =>
      ctx.storage.withTenant(d.db_name, (db) =>
        db.selectFrom('account').select(['did', 'handle', 'role', 'status', 'deactivated_at']).execute(),
      ),
    ),
  )
  return perTenant.flat()
}

async function refillPools(world: World): Promise<void> {
  const { t, members, pools, spare } = world
  const core = new Set(members.map((m) => m.did))
  const routes = await t.ctx.storage.management.selectFrom('did_routing').select(['did', 'handle']).execute()
  const domains = (await t.ctx.registry.listDomains()).map((d) => d.name)
  pools.dids = routes.map((r) => r.did)
  pools.handles = routes.map((r) => r.handle)
  pools.domains = domains
  spare.dids = routes.filter((r) => !core.has(r.did)).map((r) => r.did)
  spare.handles = routes.filter((r) => !core.has(r.did)).map((r) => r.handle)
  spare.domains = domains.filter((d) => !(d in CORE_DOMAINS))
  pools.uris = []
  pools.cids = []
  pools.rkeys = []
  pools.revs = []
  for (const d of await t.ctx.registry.listDomains()) {
    if (d.status !== 'active') continue
    await t.ctx.storage.withTenant(d.db_name, async (db) => {
      for (const r of await db.selectFrom('record').select(['did', 'collection', 'rkey', 'cid']).limit(50).execute()) {
        pools.uris.push(`at://${r.did}/${r.collection}/${r.rkey}`)
        pools.cids.push(r.cid)
        pools.rkeys.push(r.rkey)
      }
      for (const b of await db.selectFrom('blob').select('cid').limit(20).execute()) pools.cids.push(b.cid)
      for (const r of await db.selectFrom('repo_root').select(['cid', 'rev']).execute()) {
        pools.cids.push(r.cid)
        pools.revs.push(r.rev)
      }
    })
  }
  Object.assign(spare, { uris: pools.uris, cids: pools.cids, rkeys: pools.rkeys, revs: pools.revs })
}
