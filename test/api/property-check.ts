// One fuzzed request and every property it must keep: never a 5xx, an XRPC
// refusal shaped `{error, message?}`, nothing logged at error level, the
// server still answering, and, when the request was refused, no change to
// the state. A request allowed to change the state gets the seed put back.
import assert from 'node:assert/strict'
import { restore, type Snapshot, snapshot, type World } from './fuzz-world.js'
import { assertGoodReply, assertHealthy, type Probe, type Reply, send, upgrade } from './probes.js'

/** What answers: XRPC (shaped refusals), MCP (refusals inside a 200 too), or a plain route. */
export type Kind = 'xrpc' | 'plain' | 'mcp'

export type ProbeOptions = {
  kind: Kind
  /** The method, for statistics and for restore (which tokens a success may have spent). */
  label?: string
  /** Send as a WebSocket upgrade. */
  ws?: boolean
  /** Replaces the default judgement of the reply (never a 5xx, shaped refusals). */
  judge?: (reply: Reply) => void
}

export class PropertyCheck {
  private baseline?: Snapshot
  /** Per label, how often each status (and error) came back: how deep the inputs got. */
  readonly stats = new Map<string, Map<string, number>>()

  constructor(readonly world: World) {}

  async probe(p: Probe, opts: ProbeOptions): Promise<void> {
    const { world } = this
    const reply = opts.ws ? await upgrade(world, p) : await send(world, p)
    this.tally(opts.label || p.path, reply)
    await assertHealthy(world)
    // Measure everything before judging, so a failure leaves nothing stale for the next input.
    const before = this.baseline ?? (await snapshot(world))
    const after = await snapshot(world)
    this.baseline = after
    const logged = world.errors.splice(0).map(summarize)
    assert.deepEqual(logged, [], `the server logged errors for a ${reply.status}`)
    ;(opts.judge ?? ((r: Reply) => assertGoodReply(r, opts.kind === 'xrpc')))(reply)
    if (refused(reply, opts.kind)) {
      assert.deepEqual(after, before, `refused with ${reply.status} ${reply.text.slice(0, 300)} but state changed`)
    } else if (JSON.stringify(after) !== JSON.stringify(before)) {
      // Allowed to change things: put the seed back for the next input.
      await restore(world, opts.label)
      this.baseline = await snapshot(world)
    }
  }

  printStats(): void {
    for (const [label, counts] of this.stats) console.log(label, Object.fromEntries(counts))
  }

  private tally(label: string, reply: Reply): void {
    const error = reply.status >= 400 ? (/"error":"(\w+)"/.exec(reply.text)?.[1] ?? '') : ''
    // FC_STATS=2: the messages too, cut short (enough to tell refusals apart).
    const message = process.env.FC_STATS === '2' ? ` ${/"message":"([^"]{0,50})/.exec(reply.text)?.[1] ?? ''}` : ''
    const key = `${reply.status}${error ? ` ${error}` : ''}${message}`
    const counts = this.stats.get(label) ?? new Map<string, number>()
    counts.set(key, (counts.get(key) ?? 0) + 1)
    this.stats.set(label, counts)
  }
}

/** Whether the server said no. MCP refuses inside a 200 too: a JSON-RPC error or a tool error. */
function refused(reply: Reply, kind: Kind): boolean {
  if (reply.status >= 400) return true
  if (kind !== 'mcp') return false
  const text = reply.contentType.includes('event-stream')
    ? reply.text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5))
        .join('')
    : reply.text
  if (!text) return true
  const messages = [JSON.parse(text)].flat() as { error?: unknown; result?: { isError?: boolean } }[]
  return messages.every((m) => m.error !== undefined || m.result?.isError === true)
}

/** A logged error as its message and where in our code it came from. */
function summarize(line: string): string {
  try {
    const { msg, err } = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } }
    const frames = (err?.stack ?? '').split('\n').filter((f) => f.includes('/src/'))
    return [msg, err?.message, ...frames.slice(0, 4).map((f) => f.trim())].filter(Boolean).join(' | ')
  } catch {
    return line.slice(0, 600)
  }
}
