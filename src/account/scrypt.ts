// Password hashes as the official PDS stores them, so an account keeps its
// password when it moves between the two: "<salt>:<hash>", a 16-byte salt
// and a 64-byte scrypt key (N=16384, r=8, p=1, node's defaults) in hex. The
// salt goes into scrypt as its hex text, as the official PDS passes it.
// crypto.scrypt runs on libuv's thread pool, never on the event loop.
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

const KEY_BYTES = 64
const PARAMS = { N: 16384, r: 8, p: 1 }
const FORMAT = /^([0-9a-f]{32}):([0-9a-f]{128})$/

export function isScryptHash(stored: string): boolean {
  return FORMAT.test(stored)
}

export async function scryptHash(password: string): Promise<string> {
  return hashWithSalt(password, randomBytes(16).toString('hex'))
}

/**
 * An app password's hash, as the official PDS makes it: the salt is the
 * first 16 bytes of the DID's SHA-256, so the same password of the same
 * account always hashes alike and a login finds it by its hash.
 */
export async function scryptAppPasswordHash(did: string, password: string): Promise<string> {
  return hashWithSalt(password, createHash('sha256').update(did, 'utf8').digest().subarray(0, 16).toString('hex'))
}

async function hashWithSalt(password: string, salt: string): Promise<string> {
  return `${salt}:${(await derive(password, salt)).toString('hex')}`
}

/** Whether `password` matches `stored` (an scryptHash result); false for anything else. */
export async function scryptVerify(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored)
  if (!match) return false
  const [, salt, hash] = match as unknown as [string, string, string]
  return timingSafeEqual(await derive(password, salt), Buffer.from(hash, 'hex'))
}

function derive(password: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, PARAMS, (err, key) => (err ? reject(err) : resolve(key)))
  })
}
