// Every firehose event is stamped, in the sequencer's insert, with the PDS
// host of its account as the home says then: a domain's own host once the
// account is on it, the service host (null) otherwise; an account deleted
// before its last events were sequenced keeps its tenant's host. On both
// engines, since the stamp is a subquery of the insert.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Backend, startTestServer } from '../helpers/server.js'

async function hostsOf(t: Awaited<ReturnType<typeof startTestServer>>, did: string) {
  await t.ctx.sequencer.idle()
  const rows = await t.ctx.storage.management
    .selectFrom('firehose_event')
    .select(['seq', 'kind', 'host'])
    .where('did', '=', did)
    .orderBy('seq')
    .execute()
  return rows.map((r) => ({ kind: r.kind, host: r.host }))
}

for (const backend of ['postgres', 'embedded'] as Backend[]) {
  test(`${backend}: events carry their account's host, and a deleted account's last ones its tenant's`, async () => {
    const t = await startTestServer({ backend })
    try {
      const { owner: onHost } = await t.ctx.domains.add({ domain: 'stamped.test' })
      const { owner: onService } = await t.ctx.domains.add({ domain: 'plain.test' })
      const before = await hostsOf(t, onHost.did)
      assert.ok(before.length > 0, 'the owner was announced')
      assert.ok(
        before.every((e) => e.host === null),
        'before its domain has a host, the service host carries it',
      )

      await t.ctx.registry.setPdsHostname('stamped.test', 'pds.stamped.test')
      assert.equal(await t.ctx.registry.setHomeHost(onHost.did, 'stamped.test', 'pds.stamped.test'), true)
      const located = await t.ctx.accounts.mustLocate(onHost.did)
      await t.ctx.accounts.updateHandle(located, 'renamed.stamped.test')
      await t.ctx.accounts.deactivate(await t.ctx.accounts.mustLocate(onHost.did))
      const after = (await hostsOf(t, onHost.did)).slice(before.length)
      assert.ok(after.length >= 2, 'the handle change and the deactivation each made an event')
      assert.ok(
        after.every((e) => e.host === 'pds.stamped.test'),
        'from the home change on, the host carries them',
      )

      // Deleted: the #account event may be sequenced after the home is gone; it stays on the tenant's host.
      const { did } = await t.ctx.accounts.create({ handle: 'gone.stamped.test', password: 'password-123' })
      await t.ctx.registry.setHomeHost(did, 'stamped.test', 'pds.stamped.test')
      await t.ctx.accounts.delete(await t.ctx.accounts.mustLocate(did))
      const last = (await hostsOf(t, did)).at(-1)
      assert.deepEqual(last, { kind: 'account', host: 'pds.stamped.test' })

      assert.ok(
        (await hostsOf(t, onService.did)).every((e) => e.host === null),
        "the other domain's events stay on the service host",
      )
      const frames = t.ctx.tail.framesAfter(0, 10_000) ?? []
      const inMemory = frames.filter((f) => f.host === 'pds.stamped.test').length
      const stored = await t.ctx.storage.management
        .selectFrom('firehose_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('host', '=', 'pds.stamped.test')
        .executeTakeFirstOrThrow()
      assert.equal(inMemory, Number(stored.n), 'the frames the sequencer hands the tail carry the same hosts')
    } finally {
      await t.close()
    }
  })
}
