// One account moves official -> primal-pds -> official, each move with
// goat's `account migrate` steps (side-by-side/migrate.ts), all on one PLC
// directory and one SMTP stand-in. After each move: the account works on the
// new side and the old one refuses its writes, the PLC directory names the
// new PDS and its key, repo, blobs and preferences are the same, and a relay
// following every firehose verifies each event (side-by-side/migration-scenario.ts).
// The way back ends on a second official PDS: the official PDS will not take
// back a DID it still holds deactivated (migration-reference.test.ts shows it).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../../test/e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../../test/helpers/plc.js'
import { startTestServer, type TestServer } from '../../test/helpers/server.js'
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js'
import type { FirehoseClient } from '../../test/sync/helpers.js'
import type { RepoCopy } from '../../test/sync/relay.js'
import { type Login, moveAndCheck, openSide, plcUrlForOfficial, startAccount, summary } from '../migration-scenario.js'
import { type OfficialPds, startOfficial } from '../official.js'

let plc: TestPlc
let smtp: TestSmtp
let first: OfficialPds
let last: OfficialPds
let primal: TestServer
const hoses: FirehoseClient[] = []

before(async () => {
  plc = await startPlc()
  smtp = await startSmtp()
  const email = { smtpUrl: smtp.url, from: 'pds@side.test' }
  first = await startOfficial({ domains: 1, plcUrl: plcUrlForOfficial(plc), email, hostname: 'official-a.test' })
  last = await startOfficial({ domains: 1, plcUrl: plcUrlForOfficial(plc), email, hostname: 'official-b.test' })
  primal = await startTestServer({ config: { plcEndpoint: plc.url, email, registrationOpen: true } })
  await addDomain(primal, 'mig.test')
})

after(async () => {
  for (const h of hoses) h.close()
  await primal?.close()
  await last?.close()
  await first?.close()
  await smtp?.close()
  await plc?.close()
})

test('an account moves official -> primal-pds -> official with goat’s steps, and every check holds', async () => {
  const sideA = await openSide('official A', first.url, first.publicUrl, hoses)
  const sideP = await openSide('primal-pds', primal.url, primal.ctx.config.serviceURL, hoses)
  const sideB = await openSide('official B', last.url, last.publicUrl, hoses)
  const copies = new Map<string, RepoCopy>()

  const loginA: Login = { handle: `mover${first.handleDomains[0]}`, email: 'mover@a.test', password: 'password on a' }
  const { blobs } = await startAccount({ plc, side: sideA, login: loginA, copies })

  const loginP: Login = { handle: 'mover.mig.test', email: 'mover@primal.test', password: 'password on primal' }
  const there = await moveAndCheck({
    plc,
    smtp,
    copies,
    blobs,
    from: { ...sideA, ...loginA },
    to: { ...sideP, ...loginP },
  })
  console.log(summary('official A -> primal-pds', there))
  // Ours sends the #sync of the imported state under the commit's own rev, as the spec has it.
  assert.equal(there.sync.revIsCommitRev, true, 'the #sync rev is its commit’s')

  const loginB: Login = { handle: `mover${last.handleDomains[0]}`, email: 'mover@b.test', password: 'password on b' }
  const back = await moveAndCheck({
    plc,
    smtp,
    copies,
    blobs,
    from: { ...sideP, ...loginP },
    to: { ...sideB, ...loginB },
  })
  console.log(summary('primal-pds -> official B', back))
  // The official PDS's answers as the old side, which ours must give too.
  assert.deepEqual(back.oldWrite, { status: 401, error: 'AccountDeactivated' })
  assert.deepEqual(back.oldEvents, ['#account active=false status=deactivated'])
})
