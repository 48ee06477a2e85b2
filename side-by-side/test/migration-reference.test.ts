// The migration flow (side-by-side/migrate.ts, goat's `account migrate`) run
// between official PDSes only: official -> official -> official, all on one
// PLC directory and one SMTP stand-in. The reference that the flow and the
// checks (side-by-side/migration-scenario.ts) are right before they are held
// against primal-pds in migration.test.ts.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startPlc, type TestPlc } from '../../test/helpers/plc.js'
import { startSmtp, type TestSmtp } from '../../test/helpers/smtp.js'
import type { FirehoseClient } from '../../test/sync/helpers.js'
import type { RepoCopy } from '../../test/sync/relay.js'
import type { MigrationStepError } from '../migrate.js'
import { type Login, moveAndCheck, openSide, plcUrlForOfficial, startAccount, summary } from '../migration-scenario.js'
import { type OfficialPds, startOfficial } from '../official.js'

let plc: TestPlc
let smtp: TestSmtp
const officials: OfficialPds[] = []
const hoses: FirehoseClient[] = []

before(async () => {
  plc = await startPlc()
  smtp = await startSmtp()
  const email = { smtpUrl: smtp.url, from: 'pds@side.test' }
  for (const hostname of ['official-a.test', 'official-b.test', 'official-c.test']) {
    officials.push(await startOfficial({ domains: 1, plcUrl: plcUrlForOfficial(plc), email, hostname }))
  }
})

after(async () => {
  for (const h of hoses) h.close()
  for (const o of officials) await o.close()
  await smtp?.close()
  await plc?.close()
})

const side = (pds: OfficialPds, name: string) => openSide(name, pds.url, pds.publicUrl, hoses)

test('an account moves official -> official -> official with goat’s steps, and every check holds', async () => {
  const [a, b, c] = officials as [OfficialPds, OfficialPds, OfficialPds]
  const sideA = await side(a, 'official A')
  const sideB = await side(b, 'official B')
  const sideC = await side(c, 'official C')
  const copies = new Map<string, RepoCopy>()

  const loginA: Login = { handle: `mover${a.handleDomains[0]}`, email: 'mover@a.test', password: 'password on a' }
  const { blobs, seedEvents } = await startAccount({ plc, side: sideA, login: loginA, copies })
  console.log('A before the move:', seedEvents.join(' '))

  const loginB: Login = { handle: `mover${b.handleDomains[0]}`, email: 'mover@b.test', password: 'password on b' }
  const first = await moveAndCheck({
    plc,
    smtp,
    copies,
    blobs,
    from: { ...sideA, ...loginA },
    to: { ...sideB, ...loginB },
  })
  const loginC: Login = { handle: `mover${c.handleDomains[0]}`, email: 'mover@c.test', password: 'password on c' }
  const second = await moveAndCheck({
    plc,
    smtp,
    copies,
    blobs,
    from: { ...sideB, ...loginB },
    to: { ...sideC, ...loginC },
  })
  console.log(summary('A -> B', first))
  console.log(summary('B -> C', second))
  // What the official PDS sends a relay on activation after an import: the imported commit as it
  // came (signed with the old PDS's key) under the import's own rev.
  for (const move of [first, second]) assert.deepEqual(move.sync, { signedBy: 'old', revIsCommitRev: false })

  // The official PDS will not take back a DID it still holds, deactivated: back to A is refused at
  // createAccount (so the round trip through primal-pds ends on another official PDS).
  await assert.rejects(
    moveAndCheck({ plc, smtp, copies, blobs, from: { ...sideC, ...loginC }, to: { ...sideA, ...loginA } }),
    (err: MigrationStepError) => {
      assert.equal(err.step, '3 new: com.atproto.server.createAccount with did')
      assert.deepEqual([err.status, err.error], [400, 'AlreadyExists'])
      return true
    },
  )
})
