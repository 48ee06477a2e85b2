// Background jobs: one list, started in order and stopped in reverse, each
// stop awaited before the next, and every job stopped before the pools close.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type BackgroundJob, startJobs, stopJobs } from '../src/lib/jobs.js'
import { startTestServer } from './helpers/server.js'

/** A job that logs its start and stop to `log`, the stop only after a turn of the event loop. */
function recorded(name: string, log: string[]): BackgroundJob {
  return {
    name,
    start: async () => {
      await new Promise((resolve) => setImmediate(resolve))
      log.push(`start ${name}`)
    },
    stop: async () => {
      await new Promise((resolve) => setImmediate(resolve))
      log.push(`stop ${name}`)
    },
  }
}

test('jobs start in list order and stop in reverse, each awaited before the next', async () => {
  const log: string[] = []
  const jobs = ['a', 'b', 'c'].map((name) => recorded(name, log))
  await startJobs(jobs)
  await stopJobs(jobs)
  assert.deepEqual(log, ['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a'])
  assert.deepEqual(
    jobs.map((j) => j.name),
    ['a', 'b', 'c'],
    'stopping leaves the list as it was',
  )
})

test('the app lists its jobs once: the tail before the sequencer, all stopped before the pools close', async () => {
  const t = await startTestServer()
  const { ctx } = t
  assert.deepEqual(
    ctx.jobs.map((j) => j.name),
    [
      'pending-homes',
      'account-moves',
      'storage-sweeper',
      'event-tail',
      'sequencer',
      'relay-announcer',
      'relay-monitor',
      'plc-departures',
      'host-switches',
      'oauth-sweep',
      'webhook-dispatcher',
      'webhook-delivery',
    ],
  )
  for (const job of [
    ctx.sequencer,
    ctx.tail,
    ctx.sweeper,
    ctx.accounts.pending,
    ctx.relays,
    ctx.relayMonitor,
    ctx.departures,
  ]) {
    assert.ok(ctx.jobs.includes(job), `${job.name} is in the list`)
  }
  const log: string[] = []
  for (const job of ctx.jobs) {
    const stop = job.stop.bind(job)
    job.stop = async () => {
      await stop()
      log.push(job.name)
    }
  }
  const closeStorage = ctx.storage.close.bind(ctx.storage)
  ctx.storage.close = async () => {
    log.push('storage')
    await closeStorage()
  }
  await t.close()
  assert.deepEqual(log, [
    'webhook-delivery',
    'webhook-dispatcher',
    'oauth-sweep',
    'host-switches',
    'plc-departures',
    'relay-monitor',
    'relay-announcer',
    'sequencer',
    'event-tail',
    'storage-sweeper',
    'account-moves',
    'pending-homes',
    'storage',
  ])
  assert.equal(ctx.sequencer.leading, false, 'the sequencer gave up leading')
})

test('with email configured, the mail job is listed last: started after the others, stopped first', async () => {
  const t = await startTestServer({ config: { email: { smtpUrl: 'smtp://127.0.0.1:9', from: 'noreply@jobs.test' } } })
  try {
    assert.ok(t.ctx.mail)
    assert.deepEqual(
      t.ctx.jobs.map((j) => j.name),
      [
        'pending-homes',
        'account-moves',
        'storage-sweeper',
        'event-tail',
        'sequencer',
        'relay-announcer',
        'relay-monitor',
        'plc-departures',
        'host-switches',
        'oauth-sweep',
        'webhook-dispatcher',
        'webhook-delivery',
        'mail',
      ],
    )
    assert.equal(t.ctx.jobs.at(-1), t.ctx.mail)
  } finally {
    await t.close()
  }
})
