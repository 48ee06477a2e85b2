// What the com.atproto.admin tests share: agents as goat and Ozone speak to
// the server (the admin key as HTTP Basic `admin:<key>`), and as a domain's
// owner logged in with a session; and the XRPC error a call was refused with.
import assert from 'node:assert/strict'
import { AtpAgent, XRPCError } from '@atproto/api'
import type { TestServer } from '../helpers/server.js'

export function adminAgent(t: TestServer): AtpAgent {
  const agent = new AtpAgent({ service: t.url })
  agent.setHeader('authorization', `Basic ${Buffer.from(`admin:${t.adminKey}`).toString('base64')}`)
  return agent
}

export async function loggedIn(t: TestServer, identifier: string, password: string): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier, password })
  return agent
}

/** The status and error name `call` was refused with (it must be refused). */
export async function refusal(call: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await call
  } catch (err) {
    assert.ok(err instanceof XRPCError, `not an XRPC error: ${String(err)}`)
    return { status: err.status, error: err.error }
  }
  assert.fail('the call was not refused')
}
