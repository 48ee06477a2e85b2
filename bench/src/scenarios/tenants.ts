// Memory with many tenants: the server grown to N tenants (the official PDS,
// which has none, to N accounts), left idle, then its RSS; and its RSS again
// after every other scenario has run.
import { MB, type ScenarioResult } from '../stats.js'
import type { World } from './load.js'

const SETTLE_MS = 5000

export async function idleTenants(world: World): Promise<{ result: ScenarioResult; note: string }> {
  const { target, sizes } = world
  const t0 = performance.now()
  const note = await target.addTenants(sizes.tenants)
  const seconds = (performance.now() - t0) / 1000
  // Idle means idle: let start-up and the tenants' creation finish settling before RSS is read.
  await new Promise((r) => setTimeout(r, SETTLE_MS))
  return {
    note,
    result: {
      scenario: 'tenants',
      title: `memory: ${sizes.tenants} tenants`,
      ops: sizes.tenants,
      seconds,
      errors: 0,
      extras: [
        {
          key: 'idleRss',
          label: `server RSS idle, ${sizes.tenants} tenants`,
          unit: 'MB',
          value: target.rss() / MB,
          better: 'lower',
        },
      ],
    },
  }
}

/** Adds the RSS after the whole run to the tenants figures. */
export function rssAfterRun(world: World, result: ScenarioResult): void {
  result.extras.push({
    key: 'finalRss',
    label: 'server RSS after the run',
    unit: 'MB',
    value: world.target.rss() / MB,
    better: 'lower',
  })
}
