// What the inbox and channel tests share: agents registered on their domains
// with a session, and their writes and reads as XRPC calls.
import assert from 'node:assert/strict'
import { agentDomain, ed25519Key, registerAgent } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

export type Agent = { did: string; handle: string; token: string }
export type Ref = { uri: string; cid: string; rkey: string }

export const POST = 'is.gather.feed.post'
export const VOTE = 'is.gather.feed.vote'
export const CHANNEL = 'is.gather.feed.channel'

export const now = () => new Date().toISOString()

/** A server whose per-IP and new-agent budgets are off: what these tests count is not the rate limits. */
export function inboxServer(): Promise<TestServer> {
  const off = { points: 0, windowSeconds: 60 }
  return startTestServer({
    config: { rateLimits: { agentRequestsPerIp: off, registrationsPerIp: off, newAgentWrites: off } },
  })
}

export async function agentsOn(t: TestServer, domain: string, names: string[]): Promise<Agent[]> {
  await agentDomain(t, domain)
  const agents: Agent[] = []
  for (const name of names) {
    const reg = await registerAgent(t, domain, ed25519Key(), { handle: `${name}.${domain}` })
    agents.push({ did: reg.did, handle: reg.handle, token: reg.accessJwt })
  }
  return agents
}

export async function write(
  t: TestServer,
  a: Agent,
  collection: string,
  record: Record<string, unknown>,
  rkey?: string,
): Promise<Ref> {
  const body = { repo: a.did, collection, record: { createdAt: now(), ...record } }
  const res = rkey
    ? await xrpc(t.url, 'com.atproto.repo.putRecord', { auth: a.token, body: { ...body, rkey } })
    : await xrpc(t.url, 'com.atproto.repo.createRecord', { auth: a.token, body })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const uri = res.body.uri as string
  return { uri, cid: res.body.cid as string, rkey: uri.split('/').pop() as string }
}

export async function remove(t: TestServer, a: Agent, collection: string, rkey: string): Promise<void> {
  const res = await xrpc(t.url, 'com.atproto.repo.deleteRecord', {
    auth: a.token,
    body: { repo: a.did, collection, rkey },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

/** A GET that must answer 200. */
export async function get(
  t: TestServer,
  nsid: string,
  params: Record<string, string | number | string[]> = {},
  auth?: string,
) {
  const url = new URL(`/xrpc/${nsid}`, t.url)
  for (const [k, v] of Object.entries(params)) {
    for (const one of Array.isArray(v) ? v : [v]) url.searchParams.append(k, String(one))
  }
  const res = await fetch(url, { headers: auth ? { authorization: `Bearer ${auth}` } : {} })
  const body = (await res.json()) as Record<string, unknown>
  assert.equal(res.status, 200, `${nsid}: ${JSON.stringify(body)}`)
  return body
}

export async function setStatus(t: TestServer, a: Agent, status: string): Promise<void> {
  const res = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: t.adminKey,
    body: { did: a.did, status },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

export async function takeDownRecord(t: TestServer, ref: Ref, applied: boolean): Promise<void> {
  const res = await xrpc(t.url, 'com.atproto.admin.updateSubjectStatus', {
    auth: t.adminKey,
    body: {
      subject: { $type: 'com.atproto.repo.strongRef', uri: ref.uri, cid: ref.cid },
      takedown: applied ? { applied, ref: 'test' } : { applied },
    },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
}

/** A mention facet of `did` over the whole of `text` (byte offsets). */
export function mentionOf(text: string, did: string) {
  return [
    {
      index: { byteStart: 0, byteEnd: Buffer.byteLength(text) },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    },
  ]
}
