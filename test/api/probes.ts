// Sending one fuzzed request exactly as generated (node:http, so any Host
// header and any bytes go out) and judging the answer: never a 5xx, XRPC
// refusals as `{error, message?}`, the server still healthy afterwards.
import assert from 'node:assert/strict'
import http from 'node:http'
import WebSocket from 'ws'
import { type AuthChoice, type Payload, SELF } from './arbitraries.js'
import type { World } from './fuzz-world.js'

export type Probe = {
  method: string
  path: string
  query?: [string, string][]
  auth?: AuthChoice
  payload?: Payload
  headers?: Record<string, string>
  /** An event stream: read the status and headers, then hang up. */
  stream?: boolean
  /**
   * Send the body with chunked transfer encoding, in pieces, so its size is
   * known only as it arrives; writing stops once the server has answered.
   */
  chunked?: boolean
}

export type Reply = { status: number; contentType: string; text: string }

/** A request that hangs this long is a failure in itself. */
const REPLY_DEADLINE_MS = 30_000

/** The member a credential belongs to (the first member when it is no member's). */
function caller(world: World, auth: AuthChoice | undefined) {
  const who = auth?.kind === 'access' || auth?.kind === 'refresh' ? auth.who : 0
  return world.members[who % world.members.length] as World['members'][number]
}

export function authHeader(world: World, auth: AuthChoice | undefined): string | undefined {
  if (!auth || auth.kind === 'none') return undefined
  if (auth.kind === 'header') return auth.value
  if (auth.kind === 'admin') return `Bearer ${world.t.adminKey}`
  if (auth.kind === 'adminBasic') return `Basic ${Buffer.from(`admin:${world.t.adminKey}`).toString('base64')}`
  const m = caller(world, auth)
  return `Bearer ${auth.kind === 'access' ? m.access : m.refresh}`
}

function target(world: World, probe: Probe): string {
  const self = caller(world, probe.auth).did
  const qs = new URLSearchParams((probe.query ?? []).map(([k, v]) => [k, v.replaceAll(SELF, self)])).toString()
  return qs ? `${probe.path}?${qs}` : probe.path
}

export function send(world: World, probe: Probe): Promise<Reply> {
  const headers: Record<string, string> = { ...probe.headers }
  const authorization = authHeader(world, probe.auth)
  if (authorization !== undefined) headers.authorization = authorization
  if (probe.payload?.contentType) headers['content-type'] = probe.payload.contentType
  if (probe.payload?.contentEncoding) headers['content-encoding'] = probe.payload.contentEncoding
  const raw = probe.payload?.body
  const body = typeof raw === 'string' ? raw.replaceAll(SELF, caller(world, probe.auth).did) : raw
  return new Promise((resolve, reject) => {
    let answered = false
    const req = http.request(new URL(target(world, probe), world.t.url), { method: probe.method, headers }, (res) => {
      answered = true
      const contentType = String(res.headers['content-type'] ?? '')
      if (probe.stream && res.statusCode === 200) {
        res.destroy()
        resolve({ status: 200, contentType, text: '' })
        return
      }
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }),
      )
      res.on('error', reject)
    })
    req.setTimeout(REPLY_DEADLINE_MS, () => req.destroy(new Error(`no answer in ${REPLY_DEADLINE_MS} ms`)))
    // A server that answered before the body was all sent may close the socket under the rest of it.
    req.on('error', (err) => (answered ? undefined : reject(err)))
    const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : Buffer.from(body)
    if (probe.chunked && bytes) writeInPieces(req, bytes, () => answered).catch(reject)
    else req.end(bytes)
  })
}

const PIECE_BYTES = 64 * 1024

/** Writes `body` piece by piece (chunked: no Content-Length), each after the last has left, until `answered`. */
async function writeInPieces(req: http.ClientRequest, body: Buffer, answered: () => boolean): Promise<void> {
  for (let at = 0; at < body.length && !answered() && !req.destroyed; at += PIECE_BYTES) {
    const piece = body.subarray(at, at + PIECE_BYTES)
    await new Promise<void>((resolve) => req.write(piece, () => resolve()))
  }
  if (!req.destroyed) req.end()
}

/**
 * A WebSocket upgrade: the HTTP status of a refused upgrade, or 101 once open.
 * With a cursor the server answers at once (a replayed event or an error
 * frame), so the socket is kept until that first frame or close, within a
 * deadline; without one it has nothing to say and is closed when open.
 */
export function upgrade(world: World, probe: Probe, firstFrameMs = 2000): Promise<Reply> {
  const url = new URL(target(world, probe), world.t.url.replace(/^http/, 'ws'))
  const authorization = authHeader(world, probe.auth)
  const ws = new WebSocket(url, { headers: authorization ? { authorization } : {} })
  const opened = { status: 101, contentType: '', text: '' }
  return new Promise((resolve, reject) => {
    let deadline: NodeJS.Timeout | undefined
    const finish = (reply: Reply) => {
      clearTimeout(deadline)
      ws.terminate()
      resolve(reply)
    }
    ws.on('open', () => {
      if (!url.searchParams.has('cursor')) finish(opened)
      else deadline = setTimeout(() => finish(opened), firstFrameMs)
    })
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        finish({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
    })
    ws.on('message', () => finish(opened))
    ws.on('close', () => finish(opened))
    ws.on('error', (err) => {
      clearTimeout(deadline)
      reject(err)
    })
  })
}

/** Never a server error; an XRPC refusal is JSON `{ error: string, message?: string }`. */
export function assertGoodReply(reply: Reply, xrpcShaped: boolean): void {
  const show = `${reply.status} ${reply.text.slice(0, 500)}`
  assert.ok(reply.status > 0 && reply.status < 500, `server error: ${show}`)
  if (!xrpcShaped || reply.status < 400) return
  let body: unknown
  assert.doesNotThrow(() => {
    body = JSON.parse(reply.text)
  }, `refusal is not JSON: ${show}`)
  const { error, message } = body as { error?: unknown; message?: unknown }
  assert.equal(typeof error, 'string', `refusal without an error name: ${show}`)
  // A protocol name (InvalidRequest, RecordNotFound…), not a library's class name leaking out.
  assert.match(String(error), /^[A-Z][A-Za-z]*(?<!Error)$/, `refusal named like an exception: ${show}`)
  assert.ok(message === undefined || typeof message === 'string', `refusal message is not a string: ${show}`)
}

export async function assertHealthy(world: World): Promise<void> {
  const res = await fetch(`${world.t.url}/xrpc/_health`)
  assert.equal(res.status, 200, 'the server stopped answering /xrpc/_health')
  await res.arrayBuffer()
}
