// A PDS killed (SIGKILL) after it answered a request that mails a code, but
// before the mail server took the mail: the mail goes out after restart,
// exactly once, and its code still works. Once the mail server refused the
// first try (the mail waits for its retry), once while the server held the
// delivery unanswered (the mail waits for its lease to end).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { type ChildPds, childPds } from '../helpers/child-pds.js'
import { urlFor } from '../helpers/postgres.js'
import type { ServerProcess } from '../helpers/process.js'
import { codeIn, startSmtp, type TestSmtp } from '../helpers/smtp.js'
import { xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'crash-mail.test'
const HANDLE = `alice.${DOMAIN}`
const EMAIL = 'alice@inbox.test'
const PASSWORD = 'alice correct horse battery'

let smtp: TestSmtp
let pds: ChildPds

before(async () => {
  smtp = await startSmtp()
  pds = await childPds({
    email: {
      smtpUrl: smtp.url,
      from: 'noreply@crash-mail.test',
      // A lease of three send timeouts: 4.5 s before a held mail is another process's to send.
      sendTimeoutMs: 1500,
      retry: { attempts: 20, initialDelayMs: 300, maxDelayMs: 2000 },
    },
  })
})

after(async () => {
  await pds.dispose()
  await smtp.close()
})

type QueueRow = { id: string; to_address: string; sent_at: string | null; attempts: number }

async function queue(): Promise<QueueRow[]> {
  const db = new pg.Client({ connectionString: urlFor(await pds.tenantDb(DOMAIN)) })
  await db.connect()
  try {
    return (await db.query<QueueRow>('select id, to_address, sent_at, attempts from mail_queue order by id')).rows
  } finally {
    await db.end()
  }
}

async function ok(pending: ReturnType<typeof xrpc>): Promise<Record<string, unknown>> {
  const res = await pending
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body
}

/** Resolves once `proc` has logged `count` sent mails. */
async function sentLogged(proc: ServerProcess, count: number): Promise<void> {
  await proc.logged(new RegExp(`("msg":"mail sent"[^\\n]*\\n[^]*){${count}}`))
}

test('killed after answering, before the mail server took the mail: sent once after restart', async () => {
  // The mail server refuses for now: the first try fails, and the mail waits for its retry.
  smtp.delivery = 'refuse'
  const first = await pds.start()
  await ok(xrpc(first.url, 'host.primal.pds.addDomain', { auth: pds.adminKey, body: { domain: DOMAIN } }))
  await ok(
    xrpc(first.url, 'host.primal.pds.createAccount', {
      auth: pds.adminKey,
      body: { handle: HANDLE, password: PASSWORD, email: EMAIL },
    }),
  )
  const session = await ok(
    xrpc(first.url, 'com.atproto.server.createSession', { body: { identifier: HANDLE, password: PASSWORD } }),
  )
  await ok(
    xrpc(first.url, 'com.atproto.server.requestEmailConfirmation', { post: true, auth: session.accessJwt as string }),
  )
  await smtp.attempted(1)
  await first.kill('SIGKILL')
  assert.equal(smtp.messages.length, 0)

  smtp.delivery = 'accept'
  const second = await pds.start()
  const mail = await smtp.received(1)
  await sentLogged(second, 1)
  assert.equal(smtp.messages.length, 1)
  const rows = await queue()
  assert.equal(rows.length, 1)
  assert.ok(rows[0]?.sent_at, 'marked sent: never sent again')
  assert.ok((rows[0]?.attempts ?? 0) >= 2)

  // The code in it confirms the email on the restarted server.
  const again = await ok(
    xrpc(second.url, 'com.atproto.server.createSession', { body: { identifier: HANDLE, password: PASSWORD } }),
  )
  await ok(
    xrpc(second.url, 'com.atproto.server.confirmEmail', {
      auth: again.accessJwt as string,
      body: { email: EMAIL, token: codeIn(mail) },
    }),
  )
  const after = await ok(xrpc(second.url, 'com.atproto.server.getSession', { auth: again.accessJwt as string }))
  assert.equal(after.emailConfirmed, true)
  await second.kill('SIGKILL')
})

test('killed while the mail server held the delivery: the lease ends and the mail is sent once', async () => {
  smtp.delivery = 'hold'
  const tried = smtp.attempts()
  const third = await pds.start()
  await ok(xrpc(third.url, 'com.atproto.server.requestPasswordReset', { body: { email: EMAIL } }))
  await smtp.attempted(tried + 1)
  await third.kill('SIGKILL')
  assert.equal(smtp.messages.length, 1)

  smtp.delivery = 'accept'
  const fourth = await pds.start()
  const mail = await smtp.received(2)
  await sentLogged(fourth, 1)
  assert.equal(smtp.messages.length, 2)
  const rows = await queue()
  assert.equal(rows.length, 2)
  assert.ok(rows.every((r) => r.sent_at))

  await ok(
    xrpc(fourth.url, 'com.atproto.server.resetPassword', {
      body: { token: codeIn(mail), password: 'a new password after the crash' },
    }),
  )
  await ok(
    xrpc(fourth.url, 'com.atproto.server.createSession', {
      body: { identifier: HANDLE, password: 'a new password after the crash' },
    }),
  )
  await fourth.kill('SIGTERM')
})
