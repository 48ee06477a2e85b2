// An account hosted by some other PDS, as a migration into us starts from:
// a did:plc at a test directory with keys the test holds, and its repo as
// that PDS would export it (records, a blob reference), as a CAR.
import assert from 'node:assert/strict'
import { Secp256k1Keypair } from '@atproto/crypto'
import { cidForRawBytes, type LexMap } from '@atproto/lex-data'
import { getFullRepo, MemoryBlockstore, Repo, WriteOpAction } from '@atproto/repo'
import * as plcLib from '@did-plc/lib'

export type Foreign = { did: string; signing: Secp256k1Keypair; rotation: Secp256k1Keypair }

/** A did:plc at the directory `plcUrl`, hosted elsewhere, with signing and rotation keys of the test's. */
export async function foreignDid(plcUrl: string): Promise<Foreign> {
  const signing = await Secp256k1Keypair.create({ exportable: true })
  const rotation = await Secp256k1Keypair.create({ exportable: true })
  const { did, op } = await plcLib.createOp({
    signingKey: signing.did(),
    rotationKeys: [rotation.did()],
    handle: 'someone.elsewhere.test',
    pds: 'https://elsewhere.example',
    signer: rotation as never,
  })
  await submitPlcOp(plcUrl, did, op)
  return { did, signing, rotation }
}

export async function submitPlcOp(plcUrl: string, did: string, op: unknown): Promise<void> {
  const res = await fetch(`${plcUrl}/${did}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op),
  })
  assert.equal(res.status, 200, await res.text())
}

export const BLOB_BYTES = new TextEncoder().encode('the bytes of an image that moved with its account')

/**
 * The account's repo as its old PDS holds it: a post, a profile with an
 * avatar blob and `morePosts` more posts, as a CAR.
 */
export async function foreignRepo(did: string, key: Secp256k1Keypair, extra: LexMap = {}, morePosts = 0) {
  const blobCid = await cidForRawBytes(BLOB_BYTES)
  const storage = new MemoryBlockstore()
  const createdAt = new Date().toISOString()
  const records: { collection: string; rkey: string; record: LexMap }[] = [
    {
      collection: 'app.bsky.feed.post',
      rkey: '3kabcdefghi22',
      record: { $type: 'app.bsky.feed.post', text: 'old home', createdAt, ...extra },
    },
    {
      collection: 'app.bsky.actor.profile',
      rkey: 'self',
      record: {
        $type: 'app.bsky.actor.profile',
        displayName: 'Mover',
        avatar: { $type: 'blob', ref: blobCid, mimeType: 'image/png', size: BLOB_BYTES.byteLength },
      },
    },
  ]
  for (let i = 0; i < morePosts; i++) {
    records.push({
      collection: 'app.bsky.feed.post',
      rkey: `3kzz${String(i).padStart(9, '0')}`,
      record: { $type: 'app.bsky.feed.post', text: `old post ${i}`, createdAt },
    })
  }
  const repo = await Repo.create(
    storage,
    did,
    key,
    records.map((r) => ({ action: WriteOpAction.Create, ...r }) as never),
  )
  const chunks: Uint8Array[] = []
  for await (const chunk of getFullRepo(storage, repo.cid)) chunks.push(chunk)
  return {
    car: Buffer.concat(chunks),
    cid: repo.cid.toString(),
    rev: repo.commit.rev,
    blobCid: blobCid.toString(),
    records,
  }
}
