// What one process knows of the PDS hosts when another has just changed
// them: a host missing from its cached list is looked for again before it is
// taken for none of ours (a departure, or the service host's stream).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { PdsHosts } from '../../src/tenant/pds-hosts.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await t.ctx.domains.add({ domain: 'elsewhere-made.test' })
})
after(() => t?.close())

/** As another process holds them: its own cache, kept a minute, never told of changes. */
const otherProcess = () =>
  new PdsHosts({
    registry: t.ctx.registry,
    serviceURL: 'https://pds.service.test',
    defaultEventsPerSecond: 0,
    cacheMs: 60_000,
  })

test("a host another process just set is ours at once to the departure check's question", async () => {
  const hosts = otherProcess()
  assert.equal(await hosts.isOurs('https://pds.elsewhere-made.test'), false)
  await t.ctx.registry.setPdsHostname('elsewhere-made.test', 'pds.elsewhere-made.test')
  assert.equal(await hosts.isOurs('https://pds.elsewhere-made.test'), true)
  assert.equal(await hosts.isOurs('https://pds.someone-else.test'), false)
  await t.ctx.registry.setPdsHostname('elsewhere-made.test', null)
})

test('a request to a host another process just set is served as that host, not the service host', async () => {
  const hosts = otherProcess()
  assert.equal((await hosts.forRequest('pds2.elsewhere-made.test')).host, null, 'not a host yet')
  await t.ctx.registry.setPdsHostname('elsewhere-made.test', 'pds2.elsewhere-made.test')
  // Names not among the cached hosts are read again at most every quarter second.
  const deadline = Date.now() + 5000
  let host = await hosts.forRequest('pds2.elsewhere-made.test')
  while (host.host === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    host = await hosts.forRequest('pds2.elsewhere-made.test')
  }
  assert.equal(host.host, 'pds2.elsewhere-made.test')
  assert.deepEqual(host.domains, ['elsewhere-made.test'])
  assert.equal((await hosts.forRequest('pds.service.test')).host, null, 'the service host is the service host')
  await t.ctx.registry.setPdsHostname('elsewhere-made.test', null)
})
