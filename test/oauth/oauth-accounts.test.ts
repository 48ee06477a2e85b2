// The OAuth pages' account actions reach our services: a password reset
// started on the provider's pages ends with the account it reset (the
// provider answers "Invalid token" to anything else), and a wrong code is
// refused without changing anything; sign-in asks for the email second
// factor as createSession does, and app passwords do not sign in.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { SecondAuthenticationFactorRequiredError } from '@atproto/oauth-provider/errors'
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

function accountStore() {
  const { ctx } = t
  return new OAuthAccounts({
    accounts: ctx.accounts,
    sessions: ctx.sessions,
    accountEmail: ctx.accountEmail,
    rateLimits: ctx.rateLimits,
    serviceDid: ctx.serviceDid,
  })
}

test('sign-in asks for the mailed code of an account with the email second factor, and takes it once; app passwords are refused', async () => {
  const handle = 'joan.reset-oauth.test'
  const password = 'jo password one'
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle, password, email: 'joan@reset-oauth.test' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password })
  // Confirmed, then the second factor on, as the Bluesky app turns it on.
  let mail = smtp.received(smtp.messages.length + 1)
  await agent.com.atproto.server.requestEmailConfirmation()
  await agent.com.atproto.server.confirmEmail({ email: 'joan@reset-oauth.test', token: codeIn(await mail) })
  mail = smtp.received(smtp.messages.length + 1)
  await agent.com.atproto.server.requestEmailUpdate()
  await agent.com.atproto.server.updateEmail({
    email: 'joan@reset-oauth.test',
    emailAuthFactor: true,
    token: codeIn(await mail),
  })
  const appPassword = (await agent.com.atproto.server.createAppPassword({ name: 'an app' })).data.password

  const store = accountStore()
  mail = smtp.received(smtp.messages.length + 1)
  await assert.rejects(
    Promise.resolve(store.authenticateAccount({ username: handle, password, locale: 'en' })),
    (err: unknown) => err instanceof SecondAuthenticationFactorRequiredError && err.hint === 'j***@reset-oauth.test',
  )
  const code = codeIn(await mail)
  const signedIn = await store.authenticateAccount({ username: handle, password, emailOtp: code, locale: 'en' })
  assert.equal(signedIn.did, made.body.did)
  await assert.rejects(
    Promise.resolve(store.authenticateAccount({ username: handle, password, emailOtp: code, locale: 'en' })),
    'a code signs in once',
  )
  await assert.rejects(
    Promise.resolve(store.authenticateAccount({ username: handle, password: appPassword, locale: 'en' })),
    /App passwords are not allowed/,
  )
})

test('a password reset confirmed on the OAuth pages answers with the account, and the new password signs in', async () => {
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'ivy.reset-oauth.test', password: 'the old password', email: 'ivy@reset-oauth.test' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const store = accountStore()

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
