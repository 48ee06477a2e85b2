// A domain's own PDS host is a hostname this service answers on, so no
// account may take it as its handle: not at sign-up, not by a handle change.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startTestServer, type TestServer } from '../helpers/server.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await t.ctx.domains.add({ domain: 'hosted.test' })
  await t.ctx.registry.setPdsHostname('hosted.test', 'net.hosted.test')
})
after(() => t?.close())

const notAvailable = (err: Error & { customErrorName?: string }) => err.customErrorName === 'HandleNotAvailable'

test("a domain's PDS host is refused as a new account's handle", async () => {
  await assert.rejects(
    t.ctx.accounts.create({ handle: 'net.hosted.test', password: 'password-123', allowReserved: true }),
    notAvailable,
  )
})

test("a domain's PDS host is refused as a new handle", async () => {
  const { did } = await t.ctx.accounts.create({ handle: 'someone.hosted.test', password: 'password-123' })
  const located = await t.ctx.accounts.mustLocate(did)
  await assert.rejects(t.ctx.accounts.updateHandle(located, 'net.hosted.test'), notAvailable)
  assert.equal((await t.ctx.accounts.mustLocate(did)).handle, 'someone.hosted.test')
})
