// An agent's MCP client for the tests: the SDK's Streamable HTTP transport
// with the agent's bearer token, and calls that must succeed or must refuse.
// The client has listed the tools, so it checks every structured result
// against the tool's declared outputSchema (no member left undeclared).
import assert from 'node:assert/strict'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createAccount } from '../e2e/tenant-flow.js'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

export type Agent = { did: string; handle: string; token: string; mcp: Client }
export type Json = Record<string, unknown>

export async function agentOn(t: TestServer, handle: string): Promise<Agent> {
  const { did, password } = await createAccount(t, handle)
  const session = await xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier: handle, password } })
  assert.equal(session.status, 200, JSON.stringify(session.body))
  const token = session.body.accessJwt as string
  const mcp = new Client({ name: 'test-agent', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', t.url), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  })
  await mcp.connect(transport)
  // Listing the tools makes the client check every result against the tool's outputSchema, as a strict client does.
  await mcp.listTools()
  return { did, handle, token, mcp }
}

export async function call(agent: Agent, name: string, args: Json = {}): Promise<Json> {
  const res = await agent.mcp.callTool({ name, arguments: args })
  assert.ok(!res.isError, `${name} failed: ${JSON.stringify(res.content)}`)
  const text = (res.content as { type: string; text: string }[])[0]?.text ?? ''
  assert.deepEqual(JSON.parse(text), res.structuredContent, 'text and structured content agree')
  return res.structuredContent as Json
}

/** Calls a tool that must refuse; returns the error text. */
export async function refused(agent: Agent, name: string, args: Json): Promise<string> {
  const res = await agent.mcp.callTool({ name, arguments: args })
  const text = (res.content as { type: string; text: string }[])[0]?.text ?? ''
  assert.equal(res.isError, true, `${name} should have failed, got ${text}`)
  return text
}

export async function getRecord(t: TestServer, uri: string) {
  const [, , repo, collection, rkey] = uri.split('/')
  const res = await xrpc(t.url, 'com.atproto.repo.getRecord', { params: { repo, collection, rkey } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { uri: string; cid: string; value: Json }
}

export async function recordCount(t: TestServer, repo: string, collection: string): Promise<number> {
  const res = await xrpc(t.url, 'com.atproto.repo.listRecords', { params: { repo, collection, limit: '100' } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return (res.body.records as unknown[]).length
}
