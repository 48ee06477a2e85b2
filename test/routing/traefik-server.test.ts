// The running server keeps Traefik's file current: written at start, and
// rewritten when a domain is added or removed, through the admin API.
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { TRAEFIK_FILE } from '../../src/routing/traefik.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { assertValidTraefik } from '../helpers/traefik-schema.js'
import { xrpc } from '../helpers/xrpc.js'

const dir = mkdtempSync(join(tmpdir(), 'primal-pds-traefik-server-'))
let t: TestServer
before(async () => {
  // A temp file a crash left behind: the server clears it at start.
  writeFileSync(join(dir, `.${TRAEFIK_FILE}.999.dead.tmp`), 'http:\n  rout')
  t = await startTestServer({
    config: {
      serviceURL: 'https://pds.traefik.test',
      traefik: {
        dynamicDir: dir,
        entryPoints: ['websecure'],
        certResolver: 'dns',
        serviceUrl: 'http://primal-pds:2583',
      },
    },
  })
})
after(async () => {
  await t?.close()
  rmSync(dir, { recursive: true, force: true })
})

const routers = () => assertValidTraefik(readFileSync(join(dir, TRAEFIK_FILE), 'utf8')).http.routers

test('at start the file routes the service host, and leftovers of a crashed write are gone', () => {
  assert.deepEqual(Object.keys(routers()), ['service-host'])
  assert.equal(routers()['service-host']?.rule, 'Host(`pds.traefik.test`)')
  assert.deepEqual(readdirSync(dir), [TRAEFIK_FILE])
})

test('adding and removing domains through the API updates the routes', async () => {
  await addDomain(t, 'alpha.test')
  await addDomain(t, 'beta.test')
  assert.deepEqual(Object.keys(routers()).sort(), ['service-host', 'tenant-alpha.test', 'tenant-beta.test'])
  const alpha = routers()['tenant-alpha.test']
  assert.equal(alpha?.rule, 'Host(`alpha.test`) || HostRegexp(`^.+\\.alpha\\.test$`)')
  assert.deepEqual(alpha?.tls, { certResolver: 'dns', domains: [{ main: 'alpha.test', sans: ['*.alpha.test'] }] })

  const removed = await xrpc(t.url, 'host.primal.pds.removeDomain', {
    auth: t.adminKey,
    body: { domain: 'alpha.test' },
  })
  assert.equal(removed.status, 200)
  assert.deepEqual(Object.keys(routers()).sort(), ['service-host', 'tenant-beta.test'])
})
