// Shared steps of the repo tests: a logged-in agent per account, the
// account's signing key from its DID document, and the CID a record's
// DAG-CBOR encoding must have (computed here with @ipld/dag-cbor, not by the
// code under test).
import { AtpAgent } from '@atproto/api'
import { jsonToLex, lexToIpld } from '@atproto/lexicon'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { createAccount } from '../e2e/tenant-flow.js'
import type { TestServer } from '../helpers/server.js'

export type TestAccount = { did: string; handle: string; agent: AtpAgent; signingKey: string }

export async function loggedInAccount(t: TestServer, handle: string): Promise<TestAccount> {
  const { did, password } = await createAccount(t, handle)
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password })
  const described = await agent.com.atproto.repo.describeRepo({ repo: did })
  const doc = described.data.didDoc as { verificationMethod: { publicKeyMultibase: string }[] }
  return { did, handle, agent, signingKey: `did:key:${doc.verificationMethod[0]?.publicKeyMultibase}` }
}

/** The CID of a JSON record's canonical DAG-CBOR encoding. */
export async function expectedCid(recordJson: unknown): Promise<string> {
  const ipld = lexToIpld(jsonToLex(recordJson as never))
  const bytes = dagCbor.encode(ipld)
  return CID.createV1(dagCbor.code, await sha256.digest(bytes)).toString()
}

export async function carBytes(res: Response): Promise<Uint8Array> {
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
  return new Uint8Array(await res.arrayBuffer())
}

export function post(text: string, extra: Record<string, unknown> = {}) {
  return { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString(), ...extra }
}
