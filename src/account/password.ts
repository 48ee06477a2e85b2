// Account passwords: the policy, and every hash and check, none of them on
// the event loop. New hashes are scrypt in the official PDS's format; bcrypt
// hashes from before still verify (in a worker thread) and are replaced at
// the next login. Checks run a few at a time, so a login flood neither fills
// libuv's four threads (files and DNS share them) nor queues without bound.
import { randomBytes } from 'node:crypto'
import { InvalidRequestError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import { BCRYPT_MAX_BYTES, BcryptVerifier, isBcryptHash } from './bcrypt-verifier.js'
import { scryptAppPasswordHash, scryptHash, scryptVerify } from './scrypt.js'

const MIN_LENGTH = 8
// As the lexicons' maxLength (UTF-8 bytes), near the official PDS's 256; scrypt reads every byte, unlike bcrypt's 72.
const MAX_BYTES = 256
// Checked against when no account matched, so a miss costs as long as a wrong password.
const DUMMY_HASH = `${'0'.repeat(32)}:${'0'.repeat(128)}`

export type PasswordCheck = {
  ok: boolean
  /** A new hash to store in place of the checked one (a bcrypt hash that matched). */
  rehash?: string
}

export function checkPasswordPolicy(password: string): void {
  if (password.length < MIN_LENGTH) {
    throw new InvalidRequestError(`Password must be at least ${MIN_LENGTH} characters`, 'InvalidPassword')
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_BYTES) {
    throw new InvalidRequestError(`Password must be at most ${MAX_BYTES} bytes`, 'InvalidPassword')
  }
}

/** A password for accounts created by an operator: 24 random characters, shown once. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

export type PasswordsConfig = {
  /** Hashes and checks running at once. */
  concurrency: number
  /** Hashes and checks waiting for one of those places; past this many, 503 NotEnoughResources. */
  maxQueued: number
}

export class Passwords {
  private readonly bcrypt = new BcryptVerifier()
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly config: PasswordsConfig) {}

  hash(password: string): Promise<string> {
    return this.inTurn(() => scryptHash(password))
  }

  /** An app password's hash (salted by the account's DID, so it is found by hash): in turn with the other checks. */
  hashAppPassword(did: string, password: string): Promise<string> {
    return this.inTurn(() => scryptAppPasswordHash(did, password))
  }

  /** Checks `password` against `stored` (undefined: no such account, checked against a dummy all the same). */
  async verify(password: string, stored: string | undefined): Promise<PasswordCheck> {
    // No password this long was ever accepted, so none is worth hashing (the body may hold megabytes).
    if (Buffer.byteLength(password, 'utf8') > MAX_BYTES) return { ok: false }
    if (stored !== undefined && isBcryptHash(stored)) {
      // bcrypt reads 72 bytes at most, so a longer password cannot match; it still costs a check, or its
      // instant answer would tell that the account exists and has an old hash.
      if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) {
        await this.inTurn(() => scryptVerify(password, DUMMY_HASH))
        return { ok: false }
      }
      // The new hash in the same turn: a check that passed is not refused for a full queue.
      return this.inTurn(async () =>
        (await this.bcrypt.verify(password, stored)) ? { ok: true, rehash: await scryptHash(password) } : { ok: false },
      )
    }
    const ok = await this.inTurn(() => scryptVerify(password, stored ?? DUMMY_HASH))
    return { ok: ok && stored !== undefined }
  }

  close(): Promise<void> {
    return this.bcrypt.close()
  }

  private async inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.concurrency) {
      if (this.waiting.length >= this.config.maxQueued) {
        throw new XRPCError(ResponseType.NotEnoughResources, 'Too many password checks under way; try again shortly')
      }
      // A finishing check hands its place over directly, so `running` never drops below the cap while some wait.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}
