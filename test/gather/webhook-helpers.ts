// What the webhook tests share: calls of is.gather.webhook.* as an account,
// records written as an account, and the checks every delivered stream must pass.
import assert from 'node:assert/strict'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import type { TestAccount } from '../repo/helpers.js'
import type { Received } from './webhook-receiver.js'

export type View = { id: string; status: string; pending: number; consecutiveFailures: number } & Record<
  string,
  unknown
>
export type Ref = { uri: string; cid: string }

export const now = () => new Date().toISOString()
export const jwt = (a: TestAccount) => a.agent.session?.accessJwt as string

export async function write(a: TestAccount, collection: string, record: Record<string, unknown>): Promise<Ref> {
  const res = await a.agent.com.atproto.repo.createRecord({
    repo: a.did,
    collection,
    record: { ...record, createdAt: now() },
  })
  return { uri: res.data.uri, cid: res.data.cid }
}

export const post = (a: TestAccount, text: string, extra: Record<string, unknown> = {}) =>
  write(a, 'is.gather.feed.post', { text, ...extra })

export async function createWebhook(t: TestServer, a: TestAccount, url: string, filter: Record<string, unknown>) {
  return xrpc(t.url, 'is.gather.webhook.create', { auth: jwt(a), body: { url, filter } })
}

export async function made(t: TestServer, a: TestAccount, url: string, filter: Record<string, unknown>): Promise<View> {
  const res = await createWebhook(t, a, url, filter)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as View
}

export async function viewOf(t: TestServer, a: TestAccount, id: string): Promise<View | undefined> {
  const res = await xrpc(t.url, 'is.gather.webhook.list', { auth: jwt(a) })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body.webhooks as View[]).find((w) => w.id === id)
}

/** The commit events a Jetstream webhook was delivered, in arrival order. */
export function commits(received: Received[]): { seq: number; collection: string; operation: string }[] {
  return received
    .map((r) => ({ seq: r.body.seq as number, event: r.body.event as Record<string, unknown> }))
    .filter((r) => r.event.kind === 'commit')
    .map((r) => {
      const c = r.event.commit as { collection: string; operation: string }
      return { seq: r.seq, collection: c.collection, operation: c.operation }
    })
}

/** Each delivery once, in (seq, idx) order, every signature good, the id the one its event gives. */
export function assertOnceInOrder(received: Received[], webhookId: string): void {
  const ids = received.map((r) => r.id)
  assert.equal(new Set(ids).size, ids.length, `a delivery came twice: ${ids.join(' ')}`)
  const keys = received.map((r) => r.id.split('_').slice(1).map(Number) as [number, number])
  for (let i = 1; i < keys.length; i++) {
    const [a, b] = [keys[i - 1] as [number, number], keys[i] as [number, number]]
    assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), `out of order: ${ids.join(' ')}`)
  }
  for (const r of received) {
    assert.ok(r.verified, `signature of ${r.id} does not verify`)
    assert.equal(r.contentType, 'application/json')
    assert.equal(r.body.webhook, webhookId)
    assert.ok(r.id.startsWith(`${webhookId}_${r.body.seq}_`))
  }
}
