// The OAuth pages' account actions reach our services: a password reset
// started on the provider's pages ends with the account it reset (the
// provider answers "Invalid token" to anything else), and a wrong code is
// refused without changing anything.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { OAuthAccounts } from '../../src/oauth/oauth-accounts.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { codeIn, startSmtp, type TestSmtp } from '../helpers/smtp.js'
import { xrpc } from '../helpers/xrpc.js'

let smtp: TestSmtp
let t: TestServer

before(async () => {
  smtp = await startSmtp()
  t = await startTestServer({ config: { email: { smtpUrl: smtp.url, from: 'PDS <noreply@pds.test>' } } })
  await addDomain(t, 'reset-oauth.test')
})

after(async () => {
  await t?.close()
  await smtp?.close()
})

test('a password reset confirmed on the OAuth pages answers with the account, and the new password signs in', async () => {
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'ivy.reset-oauth.test', password: 'the old password', email: 'ivy@reset-oauth.test' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const { ctx } = t
  const store = new OAuthAccounts({
    accounts: ctx.accounts,
    sessions: ctx.sessions,
    accountEmail: ctx.accountEmail,
    rateLimits: ctx.rateLimits,
    serviceDid: ctx.serviceDid,
  }).store()

  const mailed = smtp.received(smtp.messages.length + 1)
  const asked = await store.resetPasswordRequest({ email: 'ivy@reset-oauth.test', locale: 'en' })
  assert.equal(asked?.did, made.body.did)
  const token = codeIn(await mailed)

  assert.equal(await store.resetPasswordConfirm({ token: 'AAAAA-AAAAA', password: 'a new password' }), null)
  const reset = await store.resetPasswordConfirm({ token, password: 'a new password' })
  assert.equal(reset?.did, made.body.did)
  assert.equal(reset?.handle, 'ivy.reset-oauth.test')

  const signedIn = await store.authenticateAccount({
    username: 'ivy.reset-oauth.test',
    password: 'a new password',
    locale: 'en',
  })
  assert.equal(signedIn.did, made.body.did)
  await assert.rejects(
    Promise.resolve(
      store.authenticateAccount({ username: 'ivy.reset-oauth.test', password: 'the old password', locale: 'en' }),
    ),
    /Invalid identifier or password/,
  )
})
