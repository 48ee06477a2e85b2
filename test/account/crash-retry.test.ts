// A real crash: a server process SIGKILLed in the middle of createAccount
// (its handle reserved, the PLC directory not yet answering) and started
// again. On the embedded database no other process can be creating, so the
// retry of the same create must succeed at once, not wait ten minutes.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { serveIn } from '../helpers/process.js'
import { ADMIN_KEY } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

/** A PLC directory that accepts every op, or holds each request unanswered while `hang` is set. */
async function fakePlc() {
  const state = { hang: false, held: [] as ServerResponse[], heard: 0 }
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume()
    req.on('end', () => {
      state.heard++
      if (state.hang) state.held.push(res)
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const close = () => {
    for (const res of state.held) res.destroy()
    server.closeAllConnections()
    return new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return { url, state, close }
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test('a create killed after reserving its handle is retried successfully right after a restart', async () => {
  const plc = await fakePlc()
  const cwd = mkdtempSync(join(tmpdir(), 'primal-pds-crash-'))
  writeFileSync(join(cwd, 'db.json'), JSON.stringify({ plcEndpoint: plc.url, plcRetry: { attempts: 1 } }))
  const env = { PRIMAL_PDS_ADMIN_KEY: ADMIN_KEY, PRIMAL_PDS_LOG_LEVEL: 'info' }
  let proc = await serveIn(cwd, env)
  try {
    const added = await xrpc(proc.url, 'host.primal.pds.addDomain', { auth: ADMIN_KEY, body: { domain: 'kill.test' } })
    assert.equal(added.status, 200, JSON.stringify(added.body))
    const body = { handle: 'victim.kill.test', password: 'a good password' }
    plc.state.hang = true
    const heard = plc.state.heard
    const doomed = xrpc(proc.url, 'host.primal.pds.createAccount', { auth: ADMIN_KEY, body }).catch(() => undefined)
    // The genesis op reaches the directory only once the handle is reserved.
    await until('the genesis op', () => plc.state.heard > heard)
    await proc.kill('SIGKILL')
    await doomed
    plc.state.hang = false

    proc = await serveIn(cwd, env)
    const retry = await xrpc(proc.url, 'host.primal.pds.createAccount', { auth: ADMIN_KEY, body })
    assert.equal(retry.status, 200, JSON.stringify(retry.body))
    const login = await xrpc(proc.url, 'com.atproto.server.createSession', {
      body: { identifier: body.handle, password: body.password },
    })
    assert.equal(login.status, 200, JSON.stringify(login.body))
    assert.equal(login.body.did, retry.body.did)
  } finally {
    await proc.kill('SIGKILL')
    await plc.close()
    rmSync(cwd, { recursive: true, force: true })
  }
})
