// Account passwords: bcrypt (cost 10). bcrypt reads at most 72 bytes, so
// longer passwords are refused rather than silently truncated.
import { randomBytes } from 'node:crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import bcrypt from 'bcryptjs'

const COST = 10
const MIN_LENGTH = 8
const MAX_BYTES = 72
// Compared against when no account matched, so a miss costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('primal-pds-dummy-password', COST)

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_LENGTH) {
    throw new InvalidRequestError(`Password must be at least ${MIN_LENGTH} characters`, 'InvalidPassword')
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_BYTES) {
    throw new InvalidRequestError(`Password must be at most ${MAX_BYTES} bytes`, 'InvalidPassword')
  }
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST)
}

export function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  if (Buffer.byteLength(password, 'utf8') > MAX_BYTES) return bcrypt.compare('', DUMMY_HASH).then(() => false)
  return bcrypt.compare(password, hash ?? DUMMY_HASH).then((ok) => ok && hash !== undefined)
}

/** A password for accounts created by an operator: 24 random characters, shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}
