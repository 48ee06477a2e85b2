// The Traefik dynamic config as Traefik's v3 file provider reads it: valid per
// the SchemaStore schema, kept current by TraefikWriter, and never torn, even
// when the writing process is killed mid-write.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import type { TraefikConfig } from '../../src/config/config.js'
import {
  type RoutedDomain,
  removeStaleTempFiles,
  renderTraefikYaml,
  TRAEFIK_FILE,
  TraefikWriter,
  traefikDynamicConfig,
  writeFileAtomic,
} from '../../src/routing/traefik.js'
import { assertValidTraefik } from '../helpers/traefik-schema.js'

const ROOT = join(import.meta.dirname, '..', '..')
const MODULE = pathToFileURL(join(ROOT, 'src', 'routing', 'traefik.ts')).href

let tmp: string
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'primal-pds-traefik-'))
})
after(() => rm(tmp, { recursive: true, force: true }))

let dirCount = 0
function freshDir(): string {
  return join(tmp, `case-${++dirCount}`)
}

function traefikConfig(dynamicDir = freshDir()): TraefikConfig {
  return {
    dynamicDir,
    entryPoints: ['websecure'],
    certResolver: 'letsencrypt',
    serviceUrl: 'http://pds:2583',
  }
}

const domainList = (n: number) => Array.from({ length: n }, (_, i) => `tenant${i}.example.com`)

/** Domains served on the service host (no PDS host of their own). */
const routed = (names: string[]): RoutedDomain[] => names.map((name) => ({ name, pdsHostname: null }))

function render(domains: string[] | RoutedDomain[], serviceHost = 'pds.example.net'): string {
  const list = domains.map((d) => (typeof d === 'string' ? { name: d, pdsHostname: null } : d))
  return renderTraefikYaml(traefikDynamicConfig({ domains: list, serviceHost, traefik: traefikConfig() }))
}

const assertValid = assertValidTraefik

const silentLogger = () => {
  const errors: { obj: { err?: unknown }; msg: string }[] = []
  return { errors, info() {}, error: (obj: { err?: unknown }, msg: string) => void errors.push({ obj, msg }) }
}

async function tempFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((e) => e.endsWith('.tmp'))
}

for (const n of [0, 1, 100]) {
  test(`config for ${n} domains is valid per the Traefik v3 file-provider schema`, () => {
    const doc = assertValid(render(domainList(n)))
    assert.equal(Object.keys(doc.http.routers).length, n + 1)
  })
}

test('with no domains only the service-host router exists', () => {
  const doc = assertValid(render([]))
  assert.deepEqual(Object.keys(doc.http.routers), ['service-host'])
})

test('a tenant router matches the domain and every subdomain, with a wildcard certificate', () => {
  const doc = assertValid(render(['example.com']))
  const router = doc.http.routers['tenant-example.com']
  assert.ok(router.rule.includes('Host(`example.com`)'), router.rule)
  assert.ok(router.rule.includes('HostRegexp(`^.+\\.example\\.com$`)'), router.rule)
  assert.deepEqual(router.entryPoints, ['websecure'])
  assert.equal(router.service, 'primal-pds')
  assert.deepEqual(router.tls, {
    certResolver: 'letsencrypt',
    domains: [{ main: 'example.com', sans: ['*.example.com'] }],
  })
  assert.deepEqual(doc.http.services['primal-pds'], {
    loadBalancer: { servers: [{ url: 'http://pds:2583' }], passHostHeader: true },
  })
})

test('the escaped HostRegexp matches subdomains only, as a Go regexp would', () => {
  const rule: string = assertValid(render(['example.com'])).http.routers['tenant-example.com'].rule
  const source = /HostRegexp\(`(.*)`\)/.exec(rule)?.[1] ?? ''
  const re = new RegExp(source)
  assert.ok(re.test('alice.example.com'))
  assert.ok(re.test('a.b.example.com'))
  assert.ok(!re.test('example.com'))
  assert.ok(!re.test('aliceXexampleXcom'))
  assert.ok(!re.test('alice.example.com.evil.net'))
})

test('the service-host router drops the port and outranks a tenant wildcard', () => {
  const doc = assertValid(render(['example.com'], 'pds.example.com:2583'))
  const router = doc.http.routers['service-host']
  assert.equal(router.rule, 'Host(`pds.example.com`)')
  assert.equal(router.service, 'primal-pds')
  assert.deepEqual(router.entryPoints, ['websecure'])
  assert.deepEqual(router.tls, { certResolver: 'letsencrypt', domains: [{ main: 'pds.example.com' }] })
  assert.ok((router.priority ?? 0) > doc.http.routers['tenant-example.com'].rule.length)
})

test('100 domains give 101 routers, sorted by name', () => {
  const names = Object.keys(assertValid(render(domainList(100).reverse())).http.routers)
  assert.equal(names.length, 101)
  assert.deepEqual(names, [...names].sort())
})

test('a domain with its own PDS host gets a router and certificate for that name, valid per the schema', () => {
  const doc = assertValid(
    render([
      { name: 'example.com', pdsHostname: 'pds.example.com' },
      { name: 'other.org', pdsHostname: 'pds-other.example.net' },
      { name: 'plain.test', pdsHostname: null },
    ]),
  )
  assert.deepEqual(Object.keys(doc.http.routers), [
    'host-pds-other.example.net',
    'host-pds.example.com',
    'service-host',
    'tenant-example.com',
    'tenant-other.org',
    'tenant-plain.test',
  ])
  const host = doc.http.routers['host-pds.example.com']
  assert.equal(host.rule, 'Host(`pds.example.com`)')
  assert.equal(host.service, 'primal-pds')
  assert.deepEqual(host.entryPoints, ['websecure'])
  assert.deepEqual(host.tls, { certResolver: 'letsencrypt', domains: [{ main: 'pds.example.com' }] })
  // Under its own domain the tenant's wildcard matches it too: its own router must win.
  assert.ok((host.priority ?? 0) > doc.http.routers['tenant-example.com'].rule.length)
  // A host outside every tenant's domain is routed only by its own router.
  assert.equal(doc.http.routers['host-pds-other.example.net'].rule, 'Host(`pds-other.example.net`)')
})

test('a host accounts are still on stays routed after its domain named another, until they have left it', () => {
  const config = (hostsInUse: string[]) =>
    assertValid(
      renderTraefikYaml(
        traefikDynamicConfig({
          domains: [{ name: 'example.com', pdsHostname: 'pds-new.example.com' }],
          hostsInUse,
          serviceHost: 'pds.example.net',
          traefik: traefikConfig(),
        }),
      ),
    )
  assert.deepEqual(Object.keys(config(['pds-old.brand.net', 'pds-new.example.com']).http.routers), [
    'host-pds-new.example.com',
    'host-pds-old.brand.net',
    'service-host',
    'tenant-example.com',
  ])
  assert.deepEqual(Object.keys(config(['pds-new.example.com']).http.routers), [
    'host-pds-new.example.com',
    'service-host',
    'tenant-example.com',
  ])
})

test('a domain host named as the service host is left to the service-host router', () => {
  const doc = assertValid(render([{ name: 'example.com', pdsHostname: 'pds.example.net' }], 'pds.example.net:443'))
  assert.deepEqual(Object.keys(doc.http.routers), ['service-host', 'tenant-example.com'])
})

test('the YAML starts with a generated-file header and has no anchors', () => {
  const yaml = render(domainList(3))
  const [first, second] = yaml.split('\n')
  assert.match(first, /^# .*generated by primal-pds/i)
  assert.match(second, /^# .*overwritten/i)
  assert.doesNotMatch(yaml, /[&*]a\d/)
  assert.deepEqual(
    parse(yaml),
    traefikDynamicConfig({ domains: routed(domainList(3)), serviceHost: 'pds.example.net', traefik: traefikConfig() }),
  )
})

test('TraefikWriter writes on start and follows domains being added and removed', async () => {
  const traefik = traefikConfig()
  const domains = ['one.test']
  const writer = new TraefikWriter({
    traefik,
    serviceHost: 'pds.test',
    listDomains: async () => routed(domains),
    logger: silentLogger(),
  })
  const file = join(traefik.dynamicDir, TRAEFIK_FILE)
  const routers = async () => Object.keys(assertValid(await readFile(file, 'utf8')).http.routers)

  await writer.start()
  assert.deepEqual(await routers(), ['service-host', 'tenant-one.test'])
  domains.push('two.test')
  await writer.sync()
  assert.deepEqual(await routers(), ['service-host', 'tenant-one.test', 'tenant-two.test'])
  domains.splice(domains.indexOf('one.test'), 1)
  await writer.sync()
  assert.deepEqual(await routers(), ['service-host', 'tenant-two.test'])
})

test('TraefikWriter follows a domain moving to its own host and back', async () => {
  const traefik = traefikConfig()
  const domains: RoutedDomain[] = [{ name: 'one.test', pdsHostname: null }]
  const writer = new TraefikWriter({
    traefik,
    serviceHost: 'pds.test',
    listDomains: async () => [...domains],
    logger: silentLogger(),
  })
  const routers = async () =>
    Object.keys(assertValid(await readFile(join(traefik.dynamicDir, TRAEFIK_FILE), 'utf8')).http.routers)
  await writer.start()
  assert.deepEqual(await routers(), ['service-host', 'tenant-one.test'])
  domains[0] = { name: 'one.test', pdsHostname: 'pds.one.test' }
  await writer.sync()
  assert.deepEqual(await routers(), ['host-pds.one.test', 'service-host', 'tenant-one.test'])
  domains[0] = { name: 'one.test', pdsHostname: null }
  await writer.sync()
  assert.deepEqual(await routers(), ['service-host', 'tenant-one.test'])
})

test('TraefikWriter.start clears temp files a crashed writer left', async () => {
  const traefik = traefikConfig()
  await mkdir(traefik.dynamicDir, { recursive: true })
  await writeFile(join(traefik.dynamicDir, `.${TRAEFIK_FILE}.1234.abcd.tmp`), 'half a fi')
  const writer = new TraefikWriter({
    traefik,
    serviceHost: 'pds.test',
    listDomains: async () => [],
    logger: silentLogger(),
  })
  await writer.start()
  assert.deepEqual(await readdir(traefik.dynamicDir), [TRAEFIK_FILE])
})

test('concurrent syncs never overlap and the file ends with the final domain list', async () => {
  const traefik = traefikConfig()
  const domains: string[] = []
  let inFlight = 0
  let maxInFlight = 0
  const listDomains = async () => {
    maxInFlight = Math.max(maxInFlight, ++inFlight)
    const snapshot = [...domains]
    await new Promise((resolve) => setImmediate(resolve))
    inFlight--
    return routed(snapshot)
  }
  const writer = new TraefikWriter({ traefik, serviceHost: 'pds.test', listDomains, logger: silentLogger() })
  const syncs: Promise<void>[] = []
  for (let i = 0; i < 30; i++) {
    if (i % 3 === 2) domains.shift()
    else domains.push(`d${i}.test`)
    syncs.push(writer.sync())
  }
  await Promise.all(syncs)
  assert.equal(maxInFlight, 1)
  const doc = assertValid(await readFile(join(traefik.dynamicDir, TRAEFIK_FILE), 'utf8'))
  const expected = ['service-host', ...domains.map((d) => `tenant-${d}`)].sort()
  assert.deepEqual(Object.keys(doc.http.routers), expected)
  assert.deepEqual(await tempFiles(traefik.dynamicDir), [])
})

test('a failed sync is logged, rejects only its caller, and later syncs still write', async () => {
  const traefik = traefikConfig()
  const logger = silentLogger()
  const file = join(traefik.dynamicDir, TRAEFIK_FILE)
  const writer = new TraefikWriter({
    traefik,
    serviceHost: 'pds.test',
    listDomains: async () => routed(['a.test']),
    logger,
  })
  await mkdir(join(file, 'blocker'), { recursive: true })

  await assert.rejects(writer.sync())
  assert.equal(logger.errors.length, 1)
  assert.equal(logger.errors[0].msg, 'writing Traefik config failed')
  assert.ok(logger.errors[0].obj.err instanceof Error)

  await rm(file, { recursive: true })
  await writer.sync()
  assert.ok(assertValid(await readFile(file, 'utf8')).http.routers['tenant-a.test'])
  assert.equal(logger.errors.length, 1)
})

test('writeFileAtomic rejects when the directory cannot be created, leaving nothing behind', async () => {
  const base = freshDir()
  await mkdir(base)
  await writeFile(join(base, 'regular-file'), 'x')
  await assert.rejects(writeFileAtomic(join(base, 'regular-file', 'sub'), TRAEFIK_FILE, 'a: 1\n'), { code: 'ENOTDIR' })
  assert.deepEqual(await readdir(base), ['regular-file'])
})

test('writeFileAtomic leaves the old target intact and no temp file when the rename fails', async () => {
  const dir = freshDir()
  const target = join(dir, TRAEFIK_FILE)
  await mkdir(target, { recursive: true })
  await writeFile(join(target, 'keep'), 'old content')
  await assert.rejects(writeFileAtomic(dir, TRAEFIK_FILE, render(['example.com'])))
  assert.deepEqual(await tempFiles(dir), [])
  assert.equal(await readFile(join(target, 'keep'), 'utf8'), 'old content')
})

test('removeStaleTempFiles removes only its own temp files and accepts a missing dir', async () => {
  const dir = freshDir()
  await removeStaleTempFiles(dir, TRAEFIK_FILE)
  await mkdir(dir)
  for (const f of [TRAEFIK_FILE, `.${TRAEFIK_FILE}.1.aa.tmp`, `.${TRAEFIK_FILE}.2.bb.tmp`, '.other.yml.3.cc.tmp']) {
    await writeFile(join(dir, f), 'x')
  }
  await removeStaleTempFiles(dir, TRAEFIK_FILE)
  assert.deepEqual((await readdir(dir)).sort(), ['.other.yml.3.cc.tmp', TRAEFIK_FILE])
})

/** Starts a child that rewrites the file forever, alternating two contents; resolves after `writes` writes. */
async function startWriterChild(dir: string, sources: [string, string], writes: number) {
  const code = `
    import { readFileSync } from 'node:fs'
    const { writeFileAtomic } = await import(${JSON.stringify(MODULE)})
    const contents = ${JSON.stringify(sources)}.map((p) => readFileSync(p, 'utf8'))
    for (let i = 0; ; i++) {
      await writeFileAtomic(${JSON.stringify(dir)}, ${JSON.stringify(TRAEFIK_FILE)}, contents[i % 2])
      process.stdout.write(i + '\\n')
    }`
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await new Promise<void>((resolve, reject) => {
    let lines = 0
    child.stdout.on('data', (d: Buffer) => {
      lines += d.toString().split('\n').length - 1
      if (lines >= writes) resolve()
    })
    child.once('exit', (code) => reject(new Error(`writer child exited (${code}) after ${lines} writes: ${stderr}`)))
  })
  return { child, exited }
}

test('SIGKILL mid-write never leaves a torn or invalid file', async () => {
  const dir = freshDir()
  const sourceDir = freshDir()
  await mkdir(sourceDir)
  const contents: [string, string] = [render(domainList(100)), render(['example.com'])]
  const sources: [string, string] = [join(sourceDir, 'large.yml'), join(sourceDir, 'small.yml')]
  await Promise.all(sources.map((p, i) => writeFile(p, contents[i])))

  for (let round = 0; round < 10; round++) {
    const { child, exited } = await startWriterChild(dir, sources, 20)
    assert.ok(existsSync(join(dir, TRAEFIK_FILE)))
    child.kill('SIGKILL')
    await exited
    const yaml = await readFile(join(dir, TRAEFIK_FILE), 'utf8')
    assert.ok(yaml === contents[0] || yaml === contents[1], `round ${round}: file is neither written version`)
    assertValid(yaml)
  }
  await removeStaleTempFiles(dir, TRAEFIK_FILE)
  assert.deepEqual(await tempFiles(dir), [])
  assert.deepEqual(await readdir(dir), [TRAEFIK_FILE])
})
