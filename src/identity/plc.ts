// did:plc identities: every account's DID is derived from a signed genesis
// operation, never made up. Submitting the op to a PLC directory is
// identity/'s next step; here the op is built, signed and returned to be kept.
import type { Keypair } from '@atproto/crypto'
import * as plc from '@did-plc/lib'

export type GenesisInput = {
  /** did:key of the account's repo signing key. */
  signingKey: string
  handle: string
  /** The PDS endpoint the DID document advertises. */
  pdsEndpoint: string
  /** did:key of the user's own recovery key, placed first (highest authority). */
  recoveryKey?: string
  /** The server's rotation key: signs the op and stays a rotation key. */
  rotationKeypair: Keypair
}

export type Genesis = { did: string; op: plc.Operation }

export async function createGenesis(input: GenesisInput): Promise<Genesis> {
  const rotationKeys = [input.recoveryKey, input.rotationKeypair.did()].filter((k): k is string => !!k)
  const { did, op } = await plc.createOp({
    signingKey: input.signingKey,
    handle: input.handle,
    pds: input.pdsEndpoint,
    rotationKeys,
    // @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
    signer: input.rotationKeypair as unknown as Parameters<typeof plc.createOp>[0]['signer'],
  })
  return { did, op }
}

/** Checks a genesis op the way a PLC directory would: valid signature, and it hashes to the DID. */
export async function verifyGenesis(did: string, op: unknown): Promise<void> {
  await plc.assureValidCreationOp(did, op as plc.Operation)
}
