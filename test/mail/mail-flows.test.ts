// Every flow that mails a code, end to end: a real SMTP server on loopback
// receives each mail, the test reads the code from it and finishes the flow
// through @atproto/api as the Bluesky app would. Also: the domain's name and
// sender on its mail, retries after a refusal, and a server without `email`.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import type { ParsedMail } from 'mailparser'
import { MailQueue } from '../../src/mail/mail-queue.js'
import { SmtpSender } from '../../src/mail/smtp-sender.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { codeIn, startSmtp, type TestSmtp } from '../helpers/smtp.js'
import { xrpc } from '../helpers/xrpc.js'
import { FirehoseClient } from '../sync/helpers.js'

let t: TestServer
let smtp: TestSmtp
let owner: { did: string; handle: string; password: string }
const DOMAIN = 'mail.test'

before(async () => {
  smtp = await startSmtp()
  t = await startTestServer({
    config: {
      email: {
        smtpUrl: smtp.url,
        from: 'PDS <noreply@pds.test>',
        retry: { attempts: 5, initialDelayMs: 100, maxDelayMs: 1000 },
        sendTimeoutMs: 2000,
      },
    },
  })
  const added = await addDomain(t, DOMAIN)
  owner = added.owner
})

after(async () => {
  await t.close()
  await smtp.close()
})

let counter = 0
/** A new account with an email, logged in through @atproto/api. */
async function user(): Promise<{ agent: AtpAgent; did: string; handle: string; email: string; password: string }> {
  counter++
  const handle = `user${counter}.${DOMAIN}`
  const email = `user${counter}@inbox.test`
  const password = `password number ${counter}`
  const res = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle, password, email },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password })
  return { agent, did: res.body.did as string, handle, email, password }
}

/** A mail's sender as `Name <address>`. */
function sender(m: ParsedMail): string {
  const from = m.from?.value[0]
  return `${from?.name} <${from?.address}>`
}

/** The next mail the SMTP server takes. */
function nextMail() {
  return smtp.received(smtp.messages.length + 1)
}

test('requestEmailConfirmation mails a code under the domain name; confirmEmail takes it once', async () => {
  const u = await user()
  assert.equal((await u.agent.com.atproto.server.getSession()).data.emailConfirmed, false)
  const mail = nextMail()
  await u.agent.com.atproto.server.requestEmailConfirmation()
  const m = await mail
  assert.equal(m.to && !Array.isArray(m.to) ? m.to.text : '', u.email)
  assert.equal(sender(m), 'PDS <noreply@pds.test>')
  assert.match(m.subject ?? '', /mail\.test/)
  assert.match(m.text ?? '', /mail\.test/)
  assert.match(String(m.html), /<h2[^>]*>mail\.test<\/h2>/)
  const token = codeIn(m)
  assert.match(token, /^[A-Z2-7]{5}-[A-Z2-7]{5}$/)
  assert.match(String(m.html), new RegExp(token))

  // The wrong email, then the right one; the code works once.
  await assert.rejects(
    u.agent.com.atproto.server.confirmEmail({ email: 'other@inbox.test', token }),
    (e: { error?: string }) => e.error === 'InvalidEmail',
  )
  await u.agent.com.atproto.server.confirmEmail({ email: u.email, token: token.toLowerCase() })
  const info = await xrpc(t.url, 'com.atproto.admin.getAccountInfo', { auth: t.adminKey, params: { did: u.did } })
  assert.ok(info.body.emailConfirmedAt, 'the admin view says when it was confirmed')
  const session = await u.agent.com.atproto.server.getSession()
  assert.equal(session.data.emailConfirmed, true)
  assert.equal(session.data.emailAuthFactor, false)
  await assert.rejects(
    u.agent.com.atproto.server.confirmEmail({ email: u.email, token }),
    (e: { error?: string }) => e.error === 'InvalidToken',
  )
})

/** Confirms the user's email through the mailed code. */
async function confirm(u: Awaited<ReturnType<typeof user>>): Promise<void> {
  const mail = nextMail()
  await u.agent.com.atproto.server.requestEmailConfirmation()
  await u.agent.com.atproto.server.confirmEmail({ email: u.email, token: codeIn(await mail) })
}

test('requestEmailUpdate: no code while unconfirmed; once confirmed, updateEmail needs the mailed code', async () => {
  const u = await user()
  const unconfirmed = await u.agent.com.atproto.server.requestEmailUpdate()
  assert.equal(unconfirmed.data.tokenRequired, false)
  await confirm(u)

  const mail = nextMail()
  const res = await u.agent.com.atproto.server.requestEmailUpdate()
  assert.equal(res.data.tokenRequired, true)
  const token = codeIn(await mail)
  const email = `new-${u.email}`
  await assert.rejects(
    u.agent.com.atproto.server.updateEmail({ email }),
    (e: { error?: string }) => e.error === 'TokenRequired',
  )
  await assert.rejects(
    u.agent.com.atproto.server.updateEmail({ email, token: 'AAAAA-AAAAA' }),
    (e: { error?: string }) => e.error === 'InvalidToken',
  )
  await u.agent.com.atproto.server.updateEmail({ email, token })
  const session = await u.agent.com.atproto.server.getSession()
  assert.equal(session.data.email, email)
  assert.equal(session.data.emailConfirmed, false)
  // The new email logs in, as the old one no longer does.
  await new AtpAgent({ service: t.url }).login({ identifier: email, password: u.password })
})

test('email second factor: createSession answers AuthFactorTokenRequired and mails a code that logs in once', async () => {
  const u = await user()
  await confirm(u)
  // Not for an unconfirmed change, and only with the code, as the Bluesky app turns it on.
  const mail = nextMail()
  await u.agent.com.atproto.server.requestEmailUpdate()
  const token = codeIn(await mail)
  await u.agent.com.atproto.server.updateEmail({ email: u.email, emailAuthFactor: true, token })
  const session = await u.agent.com.atproto.server.getSession()
  assert.equal(session.data.emailAuthFactor, true)
  assert.equal(session.data.emailConfirmed, true)

  const signIn = nextMail()
  const first = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: u.handle, password: u.password },
  })
  assert.equal(first.status, 401)
  assert.equal(first.body.error, 'AuthFactorTokenRequired')
  const code = codeIn(await signIn)
  // A wrong password mails nothing and says nothing of the factor.
  const wrong = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: u.handle, password: 'not the password', authFactorToken: code },
  })
  assert.equal(wrong.status, 401)
  assert.equal(wrong.body.error, 'AuthenticationRequired')

  const agent = new AtpAgent({ service: t.url })
  const login = await agent.login({ identifier: u.handle, password: u.password, authFactorToken: code })
  assert.equal(login.data.did, u.did)
  assert.equal(login.data.emailAuthFactor, true)
  assert.equal(login.data.emailConfirmed, true)
  const again = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: u.handle, password: u.password, authFactorToken: code },
  })
  assert.equal(again.status, 400)
  assert.equal(again.body.error, 'InvalidToken')
  assert.equal(again.body.message, 'Token is invalid')

  // An app password is for apps that cannot ask for a code: it signs in without one, as on Bluesky's service.
  const app = await agent.com.atproto.server.createAppPassword({ name: 'third-party client' })
  const mailsBefore = smtp.messages.length
  const byApp = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: u.handle, password: app.data.password },
  })
  assert.equal(byApp.status, 200, JSON.stringify(byApp.body))
  assert.equal(smtp.messages.length, mailsBefore)
  // And an app password's session may not turn the factor off (updateEmail is for a password login only).
  const off = await xrpc(t.url, 'com.atproto.server.updateEmail', {
    auth: byApp.body.accessJwt as string,
    body: { email: u.email, emailAuthFactor: false, token: 'AAAAA-AAAAA' },
  })
  assert.equal(off.status, 400)
  assert.equal(off.body.error, 'InvalidToken')
  assert.equal(off.body.message, 'Bad token scope')
})

test('requestPasswordReset answers the same for any email; resetPassword ends every session', async () => {
  const u = await user()
  const sent = smtp.messages.length
  const unknown = await xrpc(t.url, 'com.atproto.server.requestPasswordReset', {
    body: { email: 'nobody@inbox.test' },
  })
  const mail = nextMail()
  const known = await xrpc(t.url, 'com.atproto.server.requestPasswordReset', { body: { email: u.email } })
  assert.deepEqual(unknown, known)
  assert.equal(known.status, 200)
  const m = await mail
  assert.equal(smtp.messages.length, sent + 1)
  assert.equal(m.to && !Array.isArray(m.to) ? m.to.text : '', u.email)
  const token = codeIn(m)

  const anon = new AtpAgent({ service: t.url })
  await assert.rejects(
    anon.com.atproto.server.resetPassword({ token: 'AAAAA-AAAAA', password: 'a brand new password' }),
    (e: { error?: string }) => e.error === 'InvalidToken',
  )
  await anon.com.atproto.server.resetPassword({ token, password: 'a brand new password' })
  // The session from before is gone; the old password no longer works, the new one does.
  await assert.rejects(u.agent.com.atproto.server.getSession())
  const old = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: u.handle, password: u.password },
  })
  assert.equal(old.status, 401)
  await new AtpAgent({ service: t.url }).login({ identifier: u.handle, password: 'a brand new password' })
  await assert.rejects(
    anon.com.atproto.server.resetPassword({ token, password: 'yet another password' }),
    (e: { error?: string }) => e.error === 'InvalidToken',
  )
})

test('requestAccountDelete and deleteAccount: password and mailed code; the repo goes and the handle is free', async () => {
  const u = await user()
  await u.agent.com.atproto.repo.createRecord({
    repo: u.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text: 'soon gone', createdAt: new Date().toISOString() },
  })
  const mail = nextMail()
  await u.agent.com.atproto.server.requestAccountDelete()
  const token = codeIn(await mail)
  const anon = new AtpAgent({ service: t.url })
  await assert.rejects(
    anon.com.atproto.server.deleteAccount({ did: u.did, password: 'wrong password', token }),
    (e: { status?: number }) => e.status === 401,
  )
  await assert.rejects(
    anon.com.atproto.server.deleteAccount({ did: u.did, password: u.password, token: 'AAAAA-AAAAA' }),
    (e: { error?: string }) => e.error === 'InvalidToken',
  )
  await anon.com.atproto.server.deleteAccount({ did: u.did, password: u.password, token })

  // Relays hear of it: #account, inactive and deleted.
  const firehose = new FirehoseClient(t.url, 0)
  try {
    await firehose.until((frames) =>
      frames.some((f) => f.header.t === '#account' && f.body.did === u.did && f.body.status === 'deleted'),
    )
    const deleted = firehose.frames.find((f) => f.header.t === '#account' && f.body.status === 'deleted')
    assert.equal(deleted?.body.active, false)
  } finally {
    firehose.close()
  }
  const status = await xrpc(t.url, 'com.atproto.sync.getRepoStatus', { params: { did: u.did } })
  assert.equal(status.status, 400)
  assert.equal(status.body.error, 'RepoNotFound')
  const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: u.handle } })
  assert.equal(resolved.status, 400)
  // The handle and email are free again.
  const again = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: u.handle, password: u.password, email: u.email },
  })
  assert.equal(again.status, 200, JSON.stringify(again.body))
  assert.notEqual(again.body.did, u.did)
})

test('admin.sendEmail and host.primal.pds mail: the admin key, or the domain owner for their own domain', async () => {
  const u = await user()
  const ownerAgent = new AtpAgent({ service: t.url })
  await ownerAgent.login({ identifier: owner.handle, password: owner.password })
  const mail = nextMail()
  const sent = await ownerAgent.com.atproto.admin.sendEmail({
    recipientDid: u.did,
    senderDid: owner.did,
    content: 'Hello from your domain.\n\nSecond <paragraph>.',
    subject: 'A note',
  })
  assert.equal(sent.data.sent, true)
  const m = await mail
  assert.equal(m.subject, 'A note')
  assert.match(m.text ?? '', /Hello from your domain/)
  assert.match(String(m.html), /Second &lt;paragraph&gt;\./)

  // Another domain's owner may not mail this domain's users.
  const other = await addDomain(t, 'elsewhere.test')
  const otherAgent = new AtpAgent({ service: t.url })
  await otherAgent.login({ identifier: other.owner.handle, password: other.owner.password })
  await assert.rejects(
    otherAgent.com.atproto.admin.sendEmail({ recipientDid: u.did, senderDid: other.owner.did, content: 'spam' }),
    (e: { status?: number }) => e.status === 403,
  )
  // A user is no operator.
  await assert.rejects(
    u.agent.com.atproto.admin.sendEmail({ recipientDid: u.did, senderDid: u.did, content: 'self' }),
    (e: { status?: number }) => e.status === 403,
  )

  // The owner resends a confirmation, and mails a password reset the user redeems.
  const confirmMail = nextMail()
  const resend = await xrpc(t.url, 'host.primal.pds.sendEmailConfirmation', {
    auth: ownerAgent.session?.accessJwt,
    body: { did: u.did },
  })
  assert.equal(resend.status, 200, JSON.stringify(resend.body))
  await u.agent.com.atproto.server.confirmEmail({ email: u.email, token: codeIn(await confirmMail) })
  const resetMail = nextMail()
  const reset = await xrpc(t.url, 'host.primal.pds.sendPasswordReset', {
    auth: ownerAgent.session?.accessJwt,
    body: { did: u.did },
  })
  assert.equal(reset.status, 200, JSON.stringify(reset.body))
  await new AtpAgent({ service: t.url }).com.atproto.server.resetPassword({
    token: codeIn(await resetMail),
    password: 'chosen after a reset',
  })
  await new AtpAgent({ service: t.url }).login({ identifier: u.handle, password: 'chosen after a reset' })
  const foreign = await xrpc(t.url, 'host.primal.pds.sendPasswordReset', {
    auth: otherAgent.session?.accessJwt,
    body: { did: u.did },
  })
  assert.equal(foreign.status, 403)
})

test("a domain's own sender (updateDomain emailFrom) is on its mail; an empty one returns to the config's", async () => {
  const bad = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: DOMAIN, emailFrom: 'not an address\r\nBcc: x@y.z' },
  })
  assert.equal(bad.status, 400)
  const set = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: DOMAIN, emailFrom: 'Mail Test <hello@mail.test>' },
  })
  assert.equal(set.status, 200, JSON.stringify(set.body))
  assert.equal((set.body.domain as { emailFrom?: string }).emailFrom, 'Mail Test <hello@mail.test>')
  const u = await user()
  let mail = nextMail()
  await u.agent.com.atproto.server.requestEmailConfirmation()
  assert.equal(sender(await mail), 'Mail Test <hello@mail.test>')

  const cleared = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain: DOMAIN, emailFrom: '' },
  })
  assert.equal((cleared.body.domain as { emailFrom?: string }).emailFrom, undefined)
  mail = nextMail()
  await u.agent.com.atproto.server.requestEmailConfirmation()
  assert.equal(sender(await mail), 'PDS <noreply@pds.test>')
})

test('a mail the server refuses is tried again with backoff and taken once', async () => {
  const u = await user()
  smtp.delivery = 'refuse'
  const tried = smtp.attempts()
  await u.agent.com.atproto.server.requestEmailConfirmation()
  await smtp.attempted(tried + 2)
  smtp.delivery = 'accept'
  const m = await nextMail()
  assert.equal(m.to && !Array.isArray(m.to) ? m.to.text : '', u.email)
  await t.ctx.mail?.idle()
  const located = await t.ctx.accounts.mustLocate(u.did)
  const queued = await t.ctx.storage.read(located.db_name, (r) => r.mailQueue.all())
  const row = queued.filter((q) => q.to_address === u.email)
  assert.equal(row.length, 1)
  assert.ok(row[0]?.sent_at)
  assert.ok((row[0]?.attempts ?? 0) >= 3)
})

test('without `email` in the config, the methods that mail say so (400 naming the setting)', async () => {
  const plain = await startTestServer()
  try {
    await addDomain(plain, 'nomail.test')
    const handle = `someone.nomail.test`
    await xrpc(plain.url, 'host.primal.pds.createAccount', {
      auth: plain.adminKey,
      body: { handle, password: 'password for nomail', email: 'someone@inbox.test' },
    })
    const agent = new AtpAgent({ service: plain.url })
    await agent.login({ identifier: handle, password: 'password for nomail' })
    const auth = agent.session?.accessJwt
    const calls: [string, { auth?: string; body?: unknown; post?: boolean }][] = [
      ['com.atproto.server.requestEmailConfirmation', { auth, post: true }],
      ['com.atproto.server.requestAccountDelete', { auth, post: true }],
      ['com.atproto.server.requestPasswordReset', { body: { email: 'someone@inbox.test' } }],
      [
        'com.atproto.admin.sendEmail',
        { auth: plain.adminKey, body: { recipientDid: agent.did, senderDid: agent.did, content: 'x' } },
      ],
      ['host.primal.pds.sendPasswordReset', { auth: plain.adminKey, body: { did: agent.did } }],
    ]
    for (const [nsid, opts] of calls) {
      const res = await xrpc(plain.url, nsid, opts)
      assert.equal(res.status, 400, `${nsid}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.error, 'InvalidRequest', nsid)
      assert.match(String(res.body.message), /`email`/, nsid)
    }
    // An unconfirmed email still changes without a code; the admin key still sets a password.
    const update = await agent.com.atproto.server.requestEmailUpdate()
    assert.equal(update.data.tokenRequired, false)
    const set = await xrpc(plain.url, 'com.atproto.admin.updateAccountPassword', {
      auth: plain.adminKey,
      body: { did: agent.did, password: 'set by the operator' },
    })
    assert.equal(set.status, 200)
  } finally {
    await plain.close()
  }
})

test('several senders on one queue (processes sharing the database): each mail is leased to one and sent once', async () => {
  const u = await user()
  const located = await t.ctx.accounts.mustLocate(u.did)
  const email = t.ctx.config.email
  assert.ok(email && t.ctx.mail)
  // Two more mail jobs beside the server's own, as two more processes would run them.
  const others = [1, 2].map(() => queueOn(t, email))
  const before = smtp.messages.length
  const subjects = Array.from({ length: 30 }, (_, i) => `note ${i}`)
  // Queued as AccountEmail queues them, without waking any job: the three sweeps race for the same rows.
  await t.ctx.registry.markMailPending(located.domain)
  await t.ctx.storage.transact(located.db_name, async (tx) => {
    for (const s of subjects) {
      await tx.mailQueue.enqueue(
        { did: u.did, to: u.email, subject: s, text: `body of ${s}`, html: `<p>${s}</p>` },
        new Date().toISOString(),
      )
    }
  })
  await Promise.all([...others.map((q) => q.runOnce()), t.ctx.mail.runOnce()])
  await smtp.received(before + subjects.length)
  await Promise.all([...others.map((q) => q.idle()), t.ctx.mail.idle()])
  const got = smtp.messages.slice(before).map((m) => m.subject)
  assert.deepEqual([...got].sort(), [...subjects].sort())
  const rows = await t.ctx.storage.read(located.db_name, (r) => r.mailQueue.all())
  const mine = rows.filter((r) => r.to_address === u.email)
  assert.equal(mine.length, subjects.length)
  assert.ok(mine.every((r) => r.sent_at && r.attempts === 1))
})

test('on the embedded database too: a mailed code confirms the email', async () => {
  const embedded = await startTestServer({
    backend: 'embedded',
    config: { email: { smtpUrl: smtp.url, from: 'noreply@embedded.test' } },
  })
  try {
    await addDomain(embedded, 'embedded.test')
    const handle = 'someone.embedded.test'
    const created = await xrpc(embedded.url, 'host.primal.pds.createAccount', {
      auth: embedded.adminKey,
      body: { handle, password: 'password for embedded', email: 'someone@embedded.test' },
    })
    assert.equal(created.status, 200, JSON.stringify(created.body))
    const agent = new AtpAgent({ service: embedded.url })
    await agent.login({ identifier: handle, password: 'password for embedded' })
    const mail = nextMail()
    await agent.com.atproto.server.requestEmailConfirmation()
    await agent.com.atproto.server.confirmEmail({ email: 'someone@embedded.test', token: codeIn(await mail) })
    assert.equal((await agent.com.atproto.server.getSession()).data.emailConfirmed, true)
  } finally {
    await embedded.close()
  }
})

test('password resets per client IP are budgeted, wrong codes included (guesses cost)', async () => {
  const limited = await startTestServer({
    config: { rateLimits: { passwordResetsPerIp: { points: 3, windowSeconds: 60 } } },
  })
  try {
    for (let i = 0; i < 3; i++) {
      const guess = await xrpc(limited.url, 'com.atproto.server.resetPassword', {
        body: { token: `AAAAA-AAAA${i + 2}`, password: 'a brand new password' },
      })
      assert.equal(guess.status, 400)
      assert.equal(guess.body.error, 'InvalidToken')
    }
    const over = await xrpc(limited.url, 'com.atproto.server.resetPassword', {
      body: { token: 'AAAAA-AAAA6', password: 'a brand new password' },
    })
    assert.equal(over.status, 429)
    assert.equal(over.body.error, 'RateLimitExceeded')
    const request = await xrpc(limited.url, 'com.atproto.server.requestPasswordReset', {
      body: { email: 'anyone@inbox.test' },
    })
    assert.equal(request.status, 429)
  } finally {
    await limited.close()
  }
})

/** A mail queue of its own on `bare`'s databases, sending as `config` says (no background job until started). */
function queueOn(bare: TestServer, config: ConstructorParameters<typeof MailQueue>[0]['config']): MailQueue {
  const { storage, registry, logger } = bare.ctx
  return new MailQueue({ storage, registry, sender: new SmtpSender(config), config, logger })
}

/** A mail with `subject` (and that as its text) queued in `domain`, as a flow queues one. */
async function queueMail(bare: TestServer, domain: { name: string; db_name: string }, to: string, subject: string) {
  await bare.ctx.registry.markMailPending(domain.name)
  await bare.ctx.storage.transact(domain.db_name, (tx) =>
    tx.mailQueue.enqueue(
      { did: null, to, subject, text: subject, html: `<p>${subject}</p>` },
      new Date().toISOString(),
    ),
  )
}

test('a mail the server cannot reach is given up after retry.attempts tries and never tried again', async () => {
  const bare = await startTestServer()
  try {
    await addDomain(bare, 'unreachable.test')
    const domain = await bare.ctx.registry.activeDomain('unreachable.test')
    assert.ok(domain)
    // Nothing listens on the discard port: every try fails at once.
    const config = {
      smtpUrl: 'smtp://127.0.0.1:9',
      from: 'noreply@unreachable.test',
      sendTimeoutMs: 2000,
      retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
      sweepIntervalMs: 60_000,
    }
    const queue = queueOn(bare, config)
    await queueMail(bare, domain, 'someone@unreachable.test', 'lost')
    await queue.runOnce()
    let [row] = await bare.ctx.storage.read(domain.db_name, (r) => r.mailQueue.all())
    assert.equal(row?.attempts, 1)
    assert.equal(row?.failed_at, null)
    assert.ok(row?.last_error)
    await queue.runOnce()
    ;[row] = await bare.ctx.storage.read(domain.db_name, (r) => r.mailQueue.all())
    assert.equal(row?.attempts, 2)
    assert.ok(row?.failed_at, 'given up')
    assert.equal(row?.sent_at, null)
    // Given up is done: no later sweep tries it again.
    await queue.runOnce()
    ;[row] = await bare.ctx.storage.read(domain.db_name, (r) => r.mailQueue.all())
    assert.equal(row?.attempts, 2)
  } finally {
    await bare.close()
  }
})

test('stopping the mail job cuts off a send under way (shutdown is not held up); the mail is sent later', async () => {
  const bare = await startTestServer()
  try {
    await addDomain(bare, 'stopping.test')
    const domain = await bare.ctx.registry.activeDomain('stopping.test')
    assert.ok(domain)
    const config = {
      smtpUrl: smtp.url,
      from: 'noreply@stopping.test',
      // Far longer than this test waits: only the stop can end the held send in time.
      sendTimeoutMs: 60_000,
      retry: { attempts: 5, initialDelayMs: 1, maxDelayMs: 1 },
      sweepIntervalMs: 60_000,
    }
    const queue = queueOn(bare, config)
    smtp.delivery = 'hold'
    const tried = smtp.attempts()
    await queue.start()
    await queueMail(bare, domain, 'someone@stopping.test', 'held')
    queue.queued(domain.db_name)
    await smtp.attempted(tried + 1)
    const stopping = Date.now()
    await queue.stop()
    assert.ok(Date.now() - stopping < 10_000, 'the stop did not wait for the send timeout')
    let [row] = await bare.ctx.storage.read(domain.db_name, (r) => r.mailQueue.all())
    assert.equal(row?.sent_at, null)
    assert.equal(row?.failed_at, null)

    smtp.delivery = 'accept'
    const mail = nextMail()
    await queue.runOnce()
    assert.equal((await mail).subject, 'held')
    ;[row] = await bare.ctx.storage.read(domain.db_name, (r) => r.mailQueue.all())
    assert.ok(row?.sent_at)
  } finally {
    smtp.delivery = 'accept'
    await bare.close()
  }
})

test("password resets anyone can ask for do not spend the account's own mail budget", async () => {
  const u = await user()
  // More resets than the budget holds: the last ones are quietly not mailed.
  for (let i = 0; i < 7; i++) {
    const res = await xrpc(t.url, 'com.atproto.server.requestPasswordReset', { body: { email: u.email } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  // The owner's own codes still go out.
  const confirm = await xrpc(t.url, 'com.atproto.server.requestEmailConfirmation', {
    post: true,
    auth: u.agent.session?.accessJwt,
  })
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body))
})

test('admin.sendEmail refuses what a mail cannot hold with a 400', async () => {
  const u = await user()
  for (const body of [
    { recipientDid: u.did, senderDid: owner.did, content: 'hi', subject: 'x'.repeat(1001) },
    { recipientDid: u.did, senderDid: owner.did, content: 'nul \u0000 inside' },
  ]) {
    const res = await xrpc(t.url, 'com.atproto.admin.sendEmail', { auth: t.adminKey, body })
    assert.equal(res.status, 400, JSON.stringify(res.body))
  }
})
