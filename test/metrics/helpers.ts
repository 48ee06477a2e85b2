// Reading /metrics as Prometheus would: fetch the text exposition and pick
// samples out of it by name and labels (parsed here, not by prom-client).
import assert from 'node:assert/strict'
import type { TestServer } from '../helpers/server.js'

export type Sample = { name: string; labels: Record<string, string>; value: number }

/** `auth` undefined: the admin key; null: no credentials at all. */
export async function scrape(t: TestServer, auth?: string | null): Promise<Sample[]> {
  if (auth === undefined) auth = `Bearer ${t.adminKey}`
  const res = await fetch(`${t.url}/metrics`, { headers: auth ? { authorization: auth } : {} })
  const text = await res.text()
  assert.equal(res.status, 200, text)
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/)
  return parseExposition(text)
}

/** Every sample line of a text exposition (`name{a="b",…} value`). */
export function parseExposition(text: string): Sample[] {
  const samples: Sample[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    assert.ok(m, `not a sample line: ${line}`)
    const labels: Record<string, string> = {}
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[l[1] as string] = l[2] as string
    }
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) })
  }
  return samples
}

/** The value of the one sample named `name` whose labels include `labels`; 0 when there is none (a counter not yet touched). */
export function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
  assert.ok(found.length <= 1, `${name} ${JSON.stringify(labels)} matches ${found.length} samples`)
  return found[0]?.value ?? 0
}

/**
 * Scrapes until `check` holds for the samples, or fails after `ms`; `load`
 * runs before each scrape (the work whose effect is awaited).
 */
export async function scrapeUntil(
  t: TestServer,
  what: string,
  check: (samples: Sample[]) => boolean,
  opts: { ms?: number; load?: () => Promise<void>; auth?: string | null } = {},
): Promise<Sample[]> {
  const deadline = Date.now() + (opts.ms ?? 10_000)
  for (;;) {
    await opts.load?.()
    const samples = await scrape(t, opts.auth)
    if (check(samples)) return samples
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`)
    // A poll interval, not a wait for a race: the condition is checked again.
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
