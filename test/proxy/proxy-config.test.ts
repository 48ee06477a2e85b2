// The services calls are passed on to, in db.json: Bluesky's by default,
// each one pointed elsewhere or turned off, and every bad field reported.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError, validateConfig } from '../../src/config/config.js'

const validate = (raw: Record<string, unknown>) => validateConfig(raw, 'db.json', '/tmp')

test("by default, Bluesky's AppView, chat and moderation service, with the official timeouts", () => {
  const config = validate({})
  assert.deepEqual(config.appView, { url: 'https://api.bsky.app', did: 'did:web:api.bsky.app' })
  assert.deepEqual(config.chat, { url: 'https://api.bsky.chat', did: 'did:web:api.bsky.chat' })
  assert.deepEqual(config.moderation, { url: 'https://mod.bsky.app', did: 'did:plc:ar7c4by46qjdydhdevvrndac' })
  assert.deepEqual(config.proxy, {
    headersTimeoutMs: 10_000,
    bodyTimeoutMs: 30_000,
    allowPrivateNetwork: false,
    readAfterWriteMaxBytes: 4 * 1024 * 1024,
    readAfterWriteMemoryBytes: 32 * 1024 * 1024,
  })
})

test('each service pointed elsewhere or turned off with false or null', () => {
  const config = validate({
    appView: { url: 'https://appview.example.org/', did: 'did:web:appview.example.org' },
    chat: false,
    moderation: null,
    proxy: { headersTimeoutMs: 2000, readAfterWriteMaxBytes: 65_536 },
  })
  assert.deepEqual(config.appView, { url: 'https://appview.example.org', did: 'did:web:appview.example.org' })
  assert.equal(config.proxy.readAfterWriteMaxBytes, 65_536)
  assert.equal(config.chat, null)
  assert.equal(config.moderation, null)
  assert.equal(config.proxy.headersTimeoutMs, 2000)
  assert.equal(config.proxy.bodyTimeoutMs, 30_000)
})

test("the AppView's image CDN pattern, for the views read-after-write makes", () => {
  const pattern = 'https://cdn.example.org/img/%s/plain/%s/%s@jpeg'
  const config = validate({
    appView: { url: 'https://appview.example.org', did: 'did:web:appview.example.org', cdnUrlPattern: pattern },
  })
  assert.equal(config.appView?.cdnUrlPattern, pattern)
  for (const bad of ['https://cdn.example.org/img/%s/%s', 'https://cdn.example.org/%s/%s/%s/%d', 'cdn/%s/%s/%s', 7]) {
    assert.throws(
      () => validate({ appView: { url: 'https://a.example.org', did: 'did:web:a.example.org', cdnUrlPattern: bad } }),
      (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.includes('"appView.cdnUrlPattern"')),
      `${bad} is refused`,
    )
  }
  // Only the AppView has one.
  assert.throws(
    () => validate({ chat: { url: 'https://c.example.org', did: 'did:web:c.example.org', cdnUrlPattern: pattern } }),
    (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.includes('"chat.cdnUrlPattern"')),
  )
})

test('a bad service or proxy setting is reported field by field', () => {
  let problems: string[] = []
  try {
    validate({
      appView: { url: 'ftp://x', did: 'did:web:x' },
      chat: { url: 'https://chat.example.org', did: 'did:web:chat.example.org#bsky_chat' },
      moderation: { did: 'did:plc:ar7c4by46qjdydhdevvrndac', extra: 1 },
      proxy: {
        headersTimeoutMs: 0,
        allowPrivateNetwork: 'yes',
        retries: 3,
        readAfterWriteMaxBytes: 10,
        readAfterWriteMemoryBytes: -1,
      },
    })
  } catch (err) {
    assert.ok(err instanceof ConfigError)
    problems = err.problems
  }
  const text = problems.join('\n')
  for (const field of [
    '"appView.url"',
    '"chat.did"',
    '"moderation.url"',
    '"moderation.extra"',
    '"proxy.headersTimeoutMs"',
    '"proxy.allowPrivateNetwork"',
    '"proxy.retries"',
    '"proxy.readAfterWriteMaxBytes"',
    '"proxy.readAfterWriteMemoryBytes"',
  ]) {
    assert.ok(text.includes(field), `${field} is reported in:\n${text}`)
  }
})
