// An account's life (test/helpers/account-session.ts: app passwords, email
// confirmed and changed, password reset, deactivation, deletion) lived on the
// official PDS (@atproto/pds, installed in side-by-side/) and on primal-pds
// side by side, both mailing one SMTP server on loopback, from which each
// mailed code is read. Each call must get the same kind of answer from both,
// and show the same of the account where that is its point.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../../test/e2e/tenant-flow.js'
import { type AccountStep, runAccountSession } from '../../test/helpers/account-session.js'
import { startPlc, type TestPlc } from '../../test/helpers/plc.js'
import { startTestServer, type TestServer } from '../../test/helpers/server.js'
import { codeIn, startSmtp, type TestSmtp } from '../../test/helpers/smtp.js'
import { xrpc } from '../../test/helpers/xrpc.js'
import { type OfficialPds, startOfficial } from '../official.js'

let plc: TestPlc
let smtp: TestSmtp
let official: OfficialPds
let primal: TestServer

before(async () => {
  plc = await startPlc()
  smtp = await startSmtp()
  const email = { smtpUrl: smtp.url, from: 'pds@side.test' }
  official = await startOfficial({ domains: 1, plcUrl: plc.url, email })
  primal = await startTestServer({ config: { plcEndpoint: plc.url, email, registrationOpen: true } })
})

after(async () => {
  await primal?.close()
  await official?.close()
  await smtp?.close()
  await plc?.close()
})

/** Codes from the mails that arrive from now on, one per call, each waited for. */
function mailbox(): () => Promise<string> {
  let taken = smtp.messages.length
  return async () => {
    taken += 1
    return codeIn(await smtp.received(taken))
  }
}

async function signUp(pds: string, handle: string, email: string, password: string): Promise<void> {
  const res = await xrpc(pds, 'com.atproto.server.createAccount', { body: { handle, email, password } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

/**
 * Where we answer otherwise on purpose, and what ours is: the official PDS
 * lets its database refuse a second app password of the same name, a 500.
 */
const OURS_DIFFER: Record<string, string> = {
  'app password: duplicate name': '400 InvalidRequest',
}

/** What a client can tell of an answer: success (and what it showed), or which error with which status. */
function kind(step: AccountStep): string {
  if (step.status >= 200 && step.status < 300) return step.shows ? `ok ${step.shows}` : 'ok'
  return `${step.status} ${step.error ?? ''}`.trim()
}

test("an account's life gets the same kind of answer, call for call, from the official PDS and from primal-pds", async () => {
  const password = 'the first password'
  const theirHandle = `carol${official.handleDomains[0]}`
  await signUp(official.url, theirHandle, 'carol@official.test', password)
  const theirs = await runAccountSession({
    pds: official.url,
    handle: theirHandle,
    password,
    email: 'carol@official.test',
    newEmail: 'carol.new@official.test',
    nextCode: mailbox(),
  })

  await addDomain(primal, 'life.test')
  await signUp(primal.url, 'carol.life.test', 'carol@primal.test', password)
  const mine = await runAccountSession({
    pds: primal.url,
    handle: 'carol.life.test',
    password,
    email: 'carol@primal.test',
    newEmail: 'carol.new@primal.test',
    nextCode: mailbox(),
  })

  const table = theirs.map((s, i) => `${s.name.padEnd(48)} ${kind(s).padEnd(40)} ${kind(mine[i] as AccountStep)}`)
  console.log(['step'.padEnd(48), 'official'.padEnd(40), 'primal-pds\n', table.join('\n')].join(' '))
  assert.deepEqual(
    mine.map((s) => [s.name, OURS_DIFFER[s.name] ? 'differs on purpose' : kind(s)]),
    theirs.map((s) => [s.name, OURS_DIFFER[s.name] ? 'differs on purpose' : kind(s)]),
  )
  for (const step of mine.filter((s) => s.name in OURS_DIFFER)) assert.equal(kind(step), OURS_DIFFER[step.name])
})
