// App passwords: passwords an account gives a third-party client instead of
// its own, each with a name, revocable one by one, and logging in to a
// session of narrower scope (src/auth/scopes.ts). In the official PDS's
// format (xxxx-xxxx-xxxx-xxxx, base32) and hash (scrypt salted by the DID),
// so a login finds one with a single hash whatever the number of them.
import { randomStr } from '@atproto/crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { Storage } from '../storage/storage.js'
import type { AppPasswordGrant, AppPasswordListing } from '../storage/tenant/app-password-store.js'
import type { Passwords } from './password.js'

/** What the official PDS makes: four groups of four lowercase base32 characters. */
const APP_PASSWORD_FORMAT = /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/
// Hashed for a login that names no account, so a miss costs as long as a wrong app password.
const NO_ACCOUNT_DID = 'did:plc:none'

export type AppPasswordLimits = {
  /** Most app passwords one account may hold. */
  perAccount: number
  /** Longest name, in characters. */
  nameLength: number
}

export type CreatedAppPassword = { name: string; password: string; createdAt: string; privileged: boolean }

/** A new app password: 16 random base32 characters in groups of four, as the official PDS makes them. */
export function generateAppPassword(): string {
  const chars = randomStr(16, 'base32').slice(0, 16)
  return [0, 4, 8, 12].map((at) => chars.slice(at, at + 4)).join('-')
}

export class AppPasswords {
  constructor(
    private readonly storage: Storage,
    private readonly passwords: Passwords,
    private readonly limits: AppPasswordLimits,
  ) {}

  /** Makes an app password for the account; its password is shown this once. */
  async create(located: LocatedAccount, name: string, privileged: boolean): Promise<CreatedAppPassword> {
    this.checkName(name)
    const password = generateAppPassword()
    const passwordHash = await this.passwords.hashAppPassword(located.did, password)
    const createdAt = new Date().toISOString()
    const row = { did: located.did, name, passwordHash, privileged, createdAt }
    const max = this.limits.perAccount
    // It holds the account's row: a move of the account to another domain waits for it, or refuses it.
    const outcome = await this.storage.transact(located.db_name, (tx) => tx.appPasswords.create(row, max))
    if (outcome === 'duplicate') {
      throw new InvalidRequestError(`An app password named "${name}" already exists; choose another name`)
    }
    if (outcome === 'tooMany') {
      throw new InvalidRequestError(`An account may have at most ${max} app passwords; revoke one to make another`)
    }
    return { name, password, createdAt, privileged }
  }

  list(located: LocatedAccount): Promise<AppPasswordListing[]> {
    return this.storage.read(located.db_name, (t) => t.appPasswords.list(located.did))
  }

  /** Revokes the app password and ends every session opened with it; nothing when there is none of that name. */
  async revoke(located: LocatedAccount, name: string): Promise<void> {
    // No app password can have such a name (Postgres text cannot hold it).
    if (unstorableText(name)) return
    await this.storage.transact(located.db_name, async (tx) => {
      await tx.accounts.holdUnlessMoving(located.did)
      await tx.appPasswords.revoke(located.did, name)
    })
  }

  /**
   * The app password of the account `password` is, if it is one. Only what
   * could be one is hashed, so a wrong password costs no second hash; one
   * that could be is hashed even when no account is named, so a miss takes
   * as long as a hit.
   */
  async match(located: LocatedAccount | undefined, password: string): Promise<AppPasswordGrant | undefined> {
    if (!APP_PASSWORD_FORMAT.test(password)) return undefined
    const hash = await this.passwords.hashAppPassword(located?.did ?? NO_ACCOUNT_DID, password)
    if (!located) return undefined
    return this.storage.read(located.db_name, (t) => t.appPasswords.findByHash(located.did, hash))
  }

  private checkName(name: string): void {
    if (name.trim() === '') throw new InvalidRequestError('An app password needs a name')
    if (name.length > this.limits.nameLength) {
      throw new InvalidRequestError(`An app password's name may be at most ${this.limits.nameLength} characters`)
    }
    if (unstorableText(name)) throw new InvalidRequestError('An app password name may not contain a NUL character')
  }
}
