// The proof of work of agent registration: a nonce such that SHA-256 of the
// UTF-8 string "<challenge>:<nonce>" starts with `difficulty` zero bits.
import { createHash } from 'node:crypto'

/** How many tries between yields to the event loop, so a long search does not starve timers and sockets. */
const TRIES_PER_TURN = 20_000

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24
    bits += 8
  }
  return bits
}

export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest()
}

/** Finds a nonce meeting `difficulty` (at most 256 bits). */
export async function solveChallenge(challenge: string, difficulty: number, signal?: AbortSignal): Promise<string> {
  if (!Number.isInteger(difficulty) || difficulty < 0 || difficulty > 256) {
    throw new RangeError(`difficulty must be an integer from 0 to 256, not ${difficulty}`)
  }
  for (let i = 0; ; i++) {
    if (leadingZeroBits(powDigest(challenge, String(i))) >= difficulty) return String(i)
    if (i % TRIES_PER_TURN === TRIES_PER_TURN - 1) {
      signal?.throwIfAborted()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
}
