import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { ConfigError, validateConfig } from '../../src/config/config.js'
import { loadConfig } from '../../src/config/load.js'

const dir = mkdtempSync(join(tmpdir(), 'primal-pds-config-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('no config at all gives safe local defaults: embedded database, localhost:2583', () => {
  const config = validateConfig({}, 'db.json', '/srv/pds')
  assert.equal(config.serviceURL, 'http://localhost:2583')
  assert.equal(config.port, 2583)
  assert.equal(config.database, undefined)
  assert.equal(config.dataDir, '/srv/pds/data')
  assert.equal(config.registrationOpen, false)
  assert.equal(config.limits.blobBytes, 1_000_000)
})

/** The problems validateConfig reports for `raw` (which must be refused). */
function configProblems(raw: Record<string, unknown>): string[] {
  try {
    validateConfig(raw, 'db.json', dir)
  } catch (err) {
    assert.ok(err instanceof ConfigError)
    return err.problems
  }
  return assert.fail('expected a ConfigError')
}

test('every bad field is reported, each with its own message', () => {
  const problems = configProblems({
    port: 'eighty',
    serviceURL: 'ftp://x',
    registrationOpen: 'yes',
    database: { url: 'mysql://db', maxConnections: 1 },
    limits: { blobBytes: -1 },
    adminKey: 'short',
    relays: ['not a url'],
    logLevel: 'loud',
    colour: 'blue',
  })
  const text = problems.join('\n')
  for (const field of [
    '"port"',
    '"serviceURL"',
    '"registrationOpen"',
    '"database.url"',
    '"database.maxConnections"',
    '"limits.blobBytes"',
    '"adminKey"',
    '"relays[0]"',
    '"logLevel"',
    '"colour"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
  assert.equal(problems.length, 10)
})

test('db.json is found in the working directory and environment variables override it', () => {
  const cwd = mkdtempSync(join(dir, 'cwd-'))
  writeFileSync(join(cwd, 'db.json'), JSON.stringify({ port: 3000, serviceURL: 'https://pds.example.com/' }))
  const { config, source } = loadConfig({
    cwd,
    env: {
      PRIMAL_PDS_PORT: '4000',
      PRIMAL_PDS_DATABASE_URL: 'postgres://u@db:5432/pds',
      PRIMAL_PDS_ADMIN_KEY: 'k'.repeat(20),
    },
  })
  assert.equal(source, join(cwd, 'db.json'))
  assert.equal(config.port, 4000)
  assert.equal(config.serviceURL, 'https://pds.example.com')
  assert.equal(config.database?.url, 'postgres://u@db:5432/pds')
  assert.equal(config.adminKey, 'k'.repeat(20))
})

test('a broken or missing config file is a clear error', () => {
  const cwd = mkdtempSync(join(dir, 'bad-'))
  writeFileSync(join(cwd, 'db.json'), '{"port": 1,,}')
  assert.throws(() => loadConfig({ cwd, env: {} }), /db\.json: not valid JSON/)
  assert.throws(() => loadConfig({ cwd, env: {}, path: 'nope.json' }), /nope\.json: config file not found/)
})

test('empty secrets are generated once, persisted with mode 0600 and reused', () => {
  const cwd = mkdtempSync(join(dir, 'secrets-'))
  const first = loadConfig({ cwd, env: {} })
  assert.ok(first.secrets.newAdminKey)
  assert.equal(first.config.adminKey, first.secrets.newAdminKey)
  assert.match(first.config.keyEncryptionKey, /^[0-9a-f]{64}$/)
  const file = join(cwd, 'data', 'secrets.json')
  assert.equal(statSync(file).mode & 0o777, 0o600)
  const second = loadConfig({ cwd, env: {} })
  assert.equal(second.secrets.newAdminKey, undefined)
  assert.equal(second.config.adminKey, first.config.adminKey)
  assert.equal(second.config.jwtSecret, first.config.jwtSecret)
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).jwtSecret, first.config.jwtSecret)
})

test('db.json.example is a valid config, and agent settings and rate limits are checked field by field', () => {
  const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../db.json.example'), 'utf8'))
  const config = validateConfig(example, 'db.json.example', dir)
  assert.deepEqual(config.rateLimits.newAgentWrites, { points: 20, windowSeconds: 60 })
  assert.equal(config.agents.powDifficulty, 20)
  for (const trustProxy of ['1', '10.0.0.0/8, loopback', '::1', 'uniquelocal']) {
    assert.equal(validateConfig({ trustProxy }, 'db.json', dir).trustProxy, trustProxy)
  }
  const text = configProblems({
    agents: { powDifficulty: 40, registrationDefault: 'yes' },
    rateLimits: { newAgentWrites: { points: -1 } },
  }).join('\n')
  for (const field of [
    '"agents.powDifficulty"',
    '"agents.registrationDefault"',
    '"rateLimits.newAgentWrites.points"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
})

test('request timeouts, the per-IP budget for every request, and stream caps are read and checked', () => {
  const defaults = validateConfig({}, 'db.json', dir)
  assert.equal(defaults.limits.requestTimeoutMs, 60_000)
  assert.equal(defaults.limits.keepAliveTimeoutMs, 90_000)
  assert.deepEqual(defaults.rateLimits.requestsPerIp, { points: 3000, windowSeconds: 300 })
  assert.deepEqual(defaults.rateLimits.accountWrites, { points: 1500, windowSeconds: 3600 })
  assert.equal(defaults.firehose.maxSubscribersPerIp, 100)
  assert.equal(defaults.firehose.maxMessageBytes, 64 * 1024)
  assert.equal(defaults.firehose.maxOptionsUpdateBytes, 1024 * 1024)

  const set = validateConfig(
    {
      limits: { requestTimeoutMs: 5000, keepAliveTimeoutMs: 2000 },
      rateLimits: { requestsPerIp: { points: 0 }, accountWrites: { points: 0 } },
      firehose: { maxSubscribersPerIp: 5, maxMessageBytes: 2048, maxOptionsUpdateBytes: 4096 },
    },
    'db.json',
    dir,
  )
  assert.deepEqual([set.limits.requestTimeoutMs, set.limits.keepAliveTimeoutMs], [5000, 2000])
  assert.deepEqual(set.rateLimits.requestsPerIp, { points: 0, windowSeconds: 300 }, '0 points: off')
  assert.deepEqual(set.rateLimits.accountWrites, { points: 0, windowSeconds: 3600 })
  assert.deepEqual(
    [set.firehose.maxSubscribersPerIp, set.firehose.maxMessageBytes, set.firehose.maxOptionsUpdateBytes],
    [5, 2048, 4096],
  )

  const problems = configProblems({
    limits: { requestTimeoutMs: 10, keepAliveTimeoutMs: 'long' },
    rateLimits: { requestsPerIp: { points: 1.5, windowSeconds: 0 } },
    firehose: { maxSubscribersPerIp: 0, maxMessageBytes: 100, maxOptionsUpdateBytes: -1 },
  })
  const text = problems.join('\n')
  for (const field of [
    '"limits.requestTimeoutMs"',
    '"limits.keepAliveTimeoutMs"',
    '"rateLimits.requestsPerIp.points"',
    '"rateLimits.requestsPerIp.windowSeconds"',
    '"firehose.maxSubscribersPerIp"',
    '"firehose.maxMessageBytes"',
    '"firehose.maxOptionsUpdateBytes"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
  assert.equal(problems.length, 7)
})

test('handles: reserved names and service hostnames are read, defaulted and checked', () => {
  const defaults = validateConfig({}, 'db.json', dir).handles
  assert.deepEqual(defaults, { reserveDefaults: true, reserved: [], allowed: [], serviceHostnames: [] })
  const set = validateConfig(
    { handles: { reserveDefaults: false, reserved: ['Primal'], allowed: ['docs'], serviceHostnames: ['edge.x.com'] } },
    'db.json',
    dir,
  ).handles
  assert.deepEqual(set, {
    reserveDefaults: false,
    reserved: ['primal'],
    allowed: ['docs'],
    serviceHostnames: ['edge.x.com'],
  })
  const text = configProblems({
    handles: { reserveDefaults: 'no', reserved: ['two.labels'], allowed: 'docs', serviceHostnames: ['-bad-'], more: 1 },
  }).join('\n')
  for (const field of [
    '"handles.reserveDefaults"',
    '"handles.reserved"',
    '"handles.allowed"',
    '"handles.serviceHostnames"',
    '"handles.more"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
})

test('the stream memory limits are read and checked: stall timeout, replay page and memory, ring and JSON cache bytes', () => {
  const pick = (f: ReturnType<typeof validateConfig>['firehose']) => [
    f.stallTimeoutMs,
    f.replayPageBytes,
    f.replayMemoryBytes,
    f.ringBytes,
    f.jsonCacheBytes,
  ]
  const MiB = 1024 * 1024
  assert.deepEqual(pick(validateConfig({}, 'db.json', dir).firehose), [30_000, MiB, 32 * MiB, 64 * MiB, 32 * MiB])
  const firehose = {
    stallTimeoutMs: 2000,
    replayPageBytes: 65_536,
    replayMemoryBytes: MiB,
    ringBytes: 0,
    jsonCacheBytes: 0,
  }
  assert.deepEqual(pick(validateConfig({ firehose }, 'db.json', dir).firehose), [2000, 65_536, MiB, 0, 0])
  const problems = configProblems({
    firehose: { stallTimeoutMs: 0, replayPageBytes: 'big', replayMemoryBytes: 2048, ringBytes: -1, jsonCacheBytes: -1 },
  })
  const text = problems.join('\n')
  for (const field of ['stallTimeoutMs', 'replayPageBytes', 'ringBytes', 'jsonCacheBytes']) {
    assert.ok(text.includes(`"firehose.${field}"`), `${field} is reported in:\n${text}`)
  }
  // 2048 is a valid size, but smaller than the (default) page: one page could never fit.
  assert.match(text, /"firehose.replayMemoryBytes" must be at least firehose.replayPageBytes/)
  assert.equal(problems.length, 5)
})

test('identity resolution: system DNS and https to public hosts by default; loopback-only mode alone may move the well-known', () => {
  assert.deepEqual(validateConfig({}, 'db.json', dir).identity, {
    dnsServers: [],
    timeoutMs: 3000,
    loopbackOnly: false,
    handleWellKnownUrl: 'https://{handle}/.well-known/atproto-did',
  })
  const identity = {
    dnsServers: ['10.0.0.53', '127.0.0.1:5353', '[::1]:53'],
    timeoutMs: 500,
    loopbackOnly: true,
    handleWellKnownUrl: 'http://127.0.0.1:8080/{handle}/.well-known/atproto-did',
  }
  assert.deepEqual(validateConfig({ identity }, 'db.json', dir).identity, identity)
  const text = configProblems({
    identity: { dnsServers: ['dns.example.com'], timeoutMs: 0, handleWellKnownUrl: 'http://127.0.0.1/x', colour: 1 },
  }).join('\n')
  for (const problem of [
    /"identity.dnsServers" must be a list of ip or ip:port/,
    /"identity.timeoutMs"/,
    /"identity.handleWellKnownUrl" must be a URL with \{handle\}/,
    /"identity.handleWellKnownUrl" may be changed only with identity.loopbackOnly/,
    /unknown field "identity.colour"/,
  ]) {
    assert.match(text, problem)
  }
})

test('app password limits: how many per account and how long a name, defaulted and checked', () => {
  const defaults = validateConfig({}, 'db.json', dir)
  assert.deepEqual([defaults.limits.appPasswordsPerAccount, defaults.limits.appPasswordNameLength], [50, 100])
  const set = validateConfig({ limits: { appPasswordsPerAccount: 0, appPasswordNameLength: 32 } }, 'db.json', dir)
  assert.deepEqual(
    [set.limits.appPasswordsPerAccount, set.limits.appPasswordNameLength],
    [0, 32],
    '0: none may be made',
  )
  const problems = configProblems({ limits: { appPasswordsPerAccount: -1, appPasswordNameLength: 0 } })
  const text = problems.join('\n')
  for (const field of ['"limits.appPasswordsPerAccount"', '"limits.appPasswordNameLength"']) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
  assert.equal(problems.length, 2)
})

test('invites: required by default as the official installer, no earned codes; each field checked', () => {
  assert.deepEqual(validateConfig({}, 'db.json', dir).invites, {
    required: true,
    intervalMs: null,
    epochMs: 0,
    maxCodesPerCall: 1000,
  })
  const invites = { required: false, intervalMs: 7 * 86_400_000, epochMs: 1_700_000_000_000, maxCodesPerCall: 50 }
  assert.deepEqual(validateConfig({ invites }, 'db.json', dir).invites, invites)
  assert.equal(validateConfig({ invites: { intervalMs: null } }, 'db.json', dir).invites.intervalMs, null)
  const text = configProblems({
    invites: { required: 'yes', intervalMs: 5, epochMs: -1, maxCodesPerCall: 0, colour: 1 },
  }).join('\n')
  for (const problem of [
    /"invites.required" must be true or false/,
    /"invites.intervalMs" must be an integer from 60000/,
    /"invites.epochMs"/,
    /"invites.maxCodesPerCall"/,
    /unknown field "invites.colour"/,
  ]) {
    assert.match(text, problem)
  }
})

test('email: absent sends no mail; present, smtpUrl and from are required and every field is checked', () => {
  assert.equal(validateConfig({}, 'db.json', dir).email, undefined)
  assert.equal(validateConfig({ email: false }, 'db.json', dir).email, undefined)
  const example = JSON.parse(readFileSync(join(import.meta.dirname, '../../db.json.example'), 'utf8'))
  const fromExample = validateConfig(example, 'db.json.example', dir).email
  assert.equal(fromExample?.from, 'PDS <noreply@example.com>')
  assert.deepEqual(fromExample?.retry, { attempts: 10, initialDelayMs: 5000, maxDelayMs: 600_000 })
  const defaults = validateConfig({ email: { smtpUrl: 'smtp://127.0.0.1:2525', from: 'a@b.example' } }, 'db.json', dir)
  assert.deepEqual(defaults.email, {
    smtpUrl: 'smtp://127.0.0.1:2525',
    from: 'a@b.example',
    sendTimeoutMs: 30_000,
    retry: { attempts: 10, initialDelayMs: 5000, maxDelayMs: 600_000 },
    sweepIntervalMs: 60_000,
  })
  assert.deepEqual(defaults.rateLimits.mailsPerAccount, { points: 5, windowSeconds: 3600 })
  assert.deepEqual(defaults.rateLimits.mailsPerAccountDaily, { points: 15, windowSeconds: 86_400 })
  assert.deepEqual(defaults.rateLimits.passwordResetsPerIp, { points: 50, windowSeconds: 300 })

  const missing = configProblems({ email: {} }).join('\n')
  assert.ok(missing.includes('"email.smtpUrl" is required'), missing)
  assert.ok(missing.includes('"email.from" is required'), missing)
  const text = configProblems({
    email: {
      smtpUrl: 'http://mail.example.com',
      from: 'x\r\nBcc: victim@example.com',
      sendTimeoutMs: 5,
      retry: { attempts: 0, initialDelayMs: 100, maxDelayMs: 10 },
      sweepIntervalMs: 'often',
      port: 25,
    },
  }).join('\n')
  for (const field of [
    '"email.smtpUrl"',
    '"email.from"',
    '"email.sendTimeoutMs"',
    '"email.retry.attempts"',
    '"email.retry.maxDelayMs"',
    '"email.sweepIntervalMs"',
    'unknown field "email.port"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
})

test('PRIMAL_PDS_SMTP_URL sets email.smtpUrl, so the mail password need not be on disk', () => {
  const cwd = mkdtempSync(join(dir, 'smtp-'))
  writeFileSync(join(cwd, 'db.json'), JSON.stringify({ email: { from: 'PDS <noreply@example.com>' } }))
  const { config } = loadConfig({ cwd, env: { PRIMAL_PDS_SMTP_URL: 'smtps://u:secret@smtp.example.com:465' } })
  assert.equal(config.email?.smtpUrl, 'smtps://u:secret@smtp.example.com:465')
})
