// The agent CLI as a person or a script runs it: `node packages/agent/bin/agent.js`
// in a child process with a HOME of its own. A seller registers (with a
// recovery key) and publishes a skill; a buyer, with its keys file elsewhere,
// orders it; the seller accepts and fulfils the order. The keys file is 0600
// in a 0700 directory; mistakes are a message on stderr and exit status 1.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { agentDomain } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'cli-agents.test'
const BIN = join(process.cwd(), 'packages', 'agent', 'bin', 'agent.js')

type Run = { code: number; stdout: string; stderr: string }

/** Runs the CLI without blocking this process, which serves the requests it makes. */
function agent(home: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, HOME: home } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr })
    })
  })
}

async function json(home: string, args: string[]): Promise<Record<string, unknown>> {
  const run = await agent(home, [...args, '--json'])
  assert.equal(run.code, 0, `agent ${args.join(' ')}: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

async function record(t: TestServer, uri: string): Promise<Record<string, unknown>> {
  const [, , repo, collection, rkey] = uri.split('/')
  const res = await xrpc(t.url, 'com.atproto.repo.getRecord', { params: { repo, collection, rkey } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.value as Record<string, unknown>
}

describe('the agent CLI', () => {
  let t: TestServer
  let home: string
  let buyerKeys: string
  const uris: Record<string, string> = {}
  before(async () => {
    t = await startTestServer({
      config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
    })
    await agentDomain(t, DOMAIN)
    home = await mkdtemp(join(tmpdir(), 'agent-cli-'))
    buyerKeys = join(home, 'elsewhere', 'buyer.json')
  })
  after(async () => {
    await t?.close()
    if (home) await rm(home, { recursive: true, force: true })
  })

  test('register keeps the keys in a 0600 file in a 0700 directory, with the recovery key it printed', async () => {
    const reg = await json(home, [
      'register',
      ...['--service', t.url, '--domain', DOMAIN, '--name', 'CLI Seller', '--recovery-key'],
    ])
    assert.equal(reg.handle, `cli-seller.${DOMAIN}`)
    assert.match(String(reg.recoveryKey), /^did:key:zQ3s/, 'a secp256k1 did:key')
    const dir = join(home, '.config', 'primal-agent')
    assert.equal(reg.keys, join(dir, `cli-seller.${DOMAIN}.json`))
    assert.equal((await stat(dir)).mode & 0o777, 0o700)
    assert.equal((await stat(String(reg.keys))).mode & 0o777, 0o600)
    const keys = JSON.parse(await readFile(String(reg.keys), 'utf8'))
    assert.deepEqual([keys.did, keys.handle, keys.service], [reg.did, reg.handle, t.url])
    assert.equal(keys.loginKey.type, 'ed25519')
    assert.ok(keys.loginKey.jwk.d, 'the private key is kept')
    assert.equal(keys.recoveryKey.didKey, reg.recoveryKey)
    assert.match(keys.recoveryKey.privateKeyHex, /^[0-9a-f]{64}$/)
    assert.ok(keys.session.refreshJwt, 'the session is cached')

    // Later commands come back as the same agent: the only keys file there is, its cached session, a new login.
    const who = await json(home, ['whoami'])
    assert.deepEqual([who.did, who.handle, who.name], [reg.did, reg.handle, 'CLI Seller'])
    const login = await json(home, ['login'])
    assert.equal(login.did, reg.did)
    const after = JSON.parse(await readFile(String(reg.keys), 'utf8'))
    assert.notEqual(after.session.accessJwt, keys.session.accessJwt, 'the new session is kept')
    assert.equal((await stat(String(reg.keys))).mode & 0o777, 0o600)
  })

  test('publish-skill, then another agent orders it at its price, then the seller accepts and fulfils', async () => {
    const listing = await json(home, [
      'publish-skill',
      ...['--slug', 'summarize', '--name', 'Summarize', '--description', 'Summaries of long text'],
      ...['--version', '1.0.0', '--price', '0.01', '--currency', 'USD'],
    ])
    uris.listing = String(listing.uri)
    assert.match(uris.listing, /\/is\.gather\.skill\.listing\/summarize$/)
    assert.deepEqual((await record(t, uris.listing)).price, { amount: '0.01', currency: 'USD' })

    // A directory the user names is theirs: its mode is left as it is.
    await mkdir(dirname(buyerKeys), { recursive: true })
    await chmod(dirname(buyerKeys), 0o755)
    const buyer = await json(home, [
      'register',
      ...['--service', t.url, '--domain', DOMAIN, '--name', 'CLI Buyer', '--keys', buyerKeys],
    ])
    assert.equal((await stat(buyerKeys)).mode & 0o777, 0o600)
    assert.equal((await stat(dirname(buyerKeys))).mode & 0o777, 0o755)
    const order = await json(home, ['order', uris.listing, '--quantity', '3', '--keys', buyerKeys])
    uris.order = String(order.uri)
    assert.ok(uris.order.startsWith(`at://${buyer.did}/is.gather.shop.order/`))
    const placed = await record(t, uris.order)
    assert.deepEqual([placed.amount, placed.currency], ['0.03', 'USD'])

    // With two agents' keys about, the seller's file is still the only one in the default directory.
    const accepted = await json(home, ['accept', uris.order, '--note', 'Working on it'])
    const fulfilled = await json(home, ['fulfil', uris.order, '--delivery-ref', 'https://example.com/summary/1'])
    const statuses = [await record(t, String(accepted.uri)), await record(t, String(fulfilled.uri))]
    assert.deepEqual(
      statuses.map((u) => [u.status, (u.order as { uri: string }).uri]),
      [
        ['accepted', uris.order],
        ['fulfilled', uris.order],
      ],
    )
    assert.equal(statuses[1].deliveryRef, 'https://example.com/summary/1')

    const text = await agent(home, ['post', 'Summaries for sale'])
    assert.equal(text.code, 0, text.stderr)
    assert.match(text.stdout, /^uri: at:\/\/\S+ {2}cid: \S+\n$/, 'short text without --json')
  })

  test('a mistake is a message on stderr and exit status 1', async () => {
    const sideways = await agent(home, ['vote', uris.listing, 'sideways'])
    assert.deepEqual([sideways.code, sideways.stdout], [1, ''])
    assert.match(sideways.stderr, /a vote is up or down/)
    const noRating = await agent(home, ['review', uris.listing])
    assert.equal(noRating.code, 1)
    assert.match(noRating.stderr, /--rating/)
    const unknown = await agent(home, ['dance'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.stderr, /unknown command: dance/)
    const server = await agent(home, [
      'review',
      'at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/is.gather.skill.listing/x',
      '--rating',
      '5',
    ])
    assert.equal(server.code, 1)
    assert.match(server.stderr, /^RepoNotFound: /, 'an XRPC error by its name')
    const nobody = await agent(await mkdtemp(join(tmpdir(), 'agent-cli-empty-')), ['whoami'])
    assert.equal(nobody.code, 1)
    assert.match(nobody.stderr, /no keys file/)
  })

  test('examples/agent.mjs keeps its key: a second run logs in as the same agent, and so does the CLI', async () => {
    const exampleHome = await mkdtemp(join(tmpdir(), 'agent-example-'))
    const example = join(process.cwd(), 'examples', 'agent.mjs')
    const run = () =>
      new Promise<Run>((resolve) => {
        const args = [example, t.url, DOMAIN, 'example-agent']
        execFile(process.execPath, args, { env: { ...process.env, HOME: exampleHome } }, (err, stdout, stderr) =>
          resolve({ code: err ? 1 : 0, stdout, stderr }),
        )
      })
    try {
      const first = await run()
      assert.equal(first.code, 0, first.stderr)
      assert.match(first.stdout, new RegExp(`registered example-agent\\.${DOMAIN} as did:plc:`))
      assert.match(first.stdout, /search finds: at:\/\//)
      const second = await run()
      assert.equal(second.code, 0, second.stderr)
      assert.doesNotMatch(second.stdout, /registered/)
      assert.match(second.stdout, new RegExp(`logged in as example-agent\\.${DOMAIN}`))
      const keys = join(exampleHome, '.config', 'primal-agent', `example-agent.${DOMAIN}.json`)
      assert.equal((await stat(keys)).mode & 0o777, 0o600)
      const who = await json(exampleHome, ['whoami'])
      assert.deepEqual([who.handle, who.name], [`example-agent.${DOMAIN}`, 'Example Agent'])
    } finally {
      await rm(exampleHome, { recursive: true, force: true })
    }
  })

  // Needs is.gather.shop.listOrders (built beside this CLI).
  test('orders lists the fulfilled order for the seller and the buyer', async () => {
    const sold = (await json(home, ['orders', '--role', 'seller'])) as unknown as Record<string, unknown>[]
    assert.deepEqual(
      sold.map((o) => [o.uri, o.status]),
      [[uris.order, 'fulfilled']],
    )
    const bought = (await json(home, ['orders', '--role', 'buyer', '--keys', buyerKeys])) as unknown as Record<
      string,
      unknown
    >[]
    assert.deepEqual(
      bought.map((o) => [o.uri, o.status, o.amount]),
      [[uris.order, 'fulfilled', '0.03 USD']],
    )
  })
})
