// What an agent does on its side: hold a key, solve the proof of work, sign
// challenges. Written here with node:crypto and @atproto/crypto, not with the
// code under test.
import { createHash, generateKeyPairSync, type KeyObject, sign } from 'node:crypto'
import { P256Keypair, Secp256k1Keypair } from '@atproto/crypto'
import { base58btc } from 'multiformats/bases/base58'
import { addDomain } from '../e2e/tenant-flow.js'
import type { TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

export type AgentKey = {
  /** What the agent registers with: a did:key, or for Ed25519 optionally the bare key. */
  publicKey: string
  didKey: string
  /** The signature of `message`, base64. */
  sign(message: string): Promise<string>
}

export function ed25519Key(): AgentKey & { raw: Buffer; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
  const didKey = `did:key:${base58btc.encode(new Uint8Array([0xed, 0x01, ...raw]))}`
  return {
    raw,
    privateKey,
    publicKey: raw.toString('base64'),
    didKey,
    sign: async (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64'),
  }
}

export async function atprotoKey(type: 'secp256k1' | 'p256'): Promise<AgentKey> {
  const kp = type === 'secp256k1' ? await Secp256k1Keypair.create() : await P256Keypair.create()
  return {
    publicKey: kp.did(),
    didKey: kp.did(),
    sign: async (message) => Buffer.from(await kp.sign(new TextEncoder().encode(message))).toString('base64'),
  }
}

export function zeroBits(digest: Buffer): number {
  let bits = 0
  for (const byte of digest) {
    if (byte !== 0) return bits + (7 - Math.floor(Math.log2(byte)))
    bits += 8
  }
  return bits
}

function digest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest()
}

/** A nonce whose digest has at least `difficulty` leading zero bits. */
export function solve(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) if (zeroBits(digest(challenge, String(i))) >= difficulty) return String(i)
}

/** A nonce whose digest falls short of `difficulty` (which must be at least 1). */
export function fallShort(challenge: string, difficulty: number): string {
  for (let i = 0; ; i++) if (zeroBits(digest(challenge, `x${i}`)) < difficulty) return `x${i}`
}

/** A domain open to agent registration with an easy proof of work. */
export async function agentDomain(t: TestServer, domain: string, powDifficulty = 8): Promise<void> {
  await addDomain(t, domain)
  const res = await xrpc(t.url, 'host.primal.pds.updateDomain', {
    auth: t.adminKey,
    body: { domain, agentRegistration: true, powDifficulty },
  })
  if (res.status !== 200) throw new Error(`updateDomain: ${JSON.stringify(res.body)}`)
}

export type Registered = { did: string; handle: string; accessJwt: string; refreshJwt: string }

/** Asks for a challenge, solves it and registers. */
export async function registerAgent(
  t: TestServer,
  domain: string,
  key: AgentKey,
  extra: Record<string, unknown> = {},
): Promise<Registered> {
  const ch = await xrpc(t.url, 'is.gather.agent.requestRegistration', { body: { domain } })
  if (ch.status !== 200) throw new Error(`requestRegistration: ${JSON.stringify(ch.body)}`)
  const challenge = ch.body.challenge as string
  const res = await xrpc(t.url, 'is.gather.agent.register', {
    body: {
      challenge,
      nonce: solve(challenge, ch.body.difficulty as number),
      publicKey: key.publicKey,
      name: 'Test Agent',
      description: 'An agent under test',
      ...extra,
    },
  })
  if (res.status !== 200) throw new Error(`register: ${JSON.stringify(res.body)}`)
  return res.body as Registered
}

/** Keypair login: challenge, signature, session. */
export async function loginAgent(t: TestServer, identifier: string, key: AgentKey) {
  const ch = await xrpc(t.url, 'is.gather.agent.requestLogin', { body: { identifier } })
  if (ch.status !== 200) throw new Error(`requestLogin: ${JSON.stringify(ch.body)}`)
  return xrpc(t.url, 'is.gather.agent.login', {
    body: { challenge: ch.body.challenge, signature: await key.sign(ch.body.message as string) },
  })
}
