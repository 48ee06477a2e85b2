// What an operator sets on an account through com.atproto.admin: its email
// (a login identifier, unique service-wide as its home holds it), its
// password (which ends every session, as the official PDS's does), and the
// atproto signing key its DID document names.
import { parseDidKey } from '@atproto/crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { PlcService } from '../identity/plc-service.js'
import type { Logger } from '../lib/logger.js'
import { isUniqueViolation, type LocatedAccount, type TenantRegistry } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { Storage } from '../storage/storage.js'
import { outbox } from '../sync/outbox.js'
import { refuseWhileMoving } from './account-moves.js'
import { normalizeEmail } from './handle.js'
import { checkPasswordPolicy, type Passwords } from './password.js'

export type AccountCredentialsDeps = {
  storage: Storage
  registry: TenantRegistry
  plc: PlcService
  passwords: Passwords
  /** Tells the sequencer that a tenant's outbox has new rows. */
  outboxWritten: (source: string) => void
  logger: Logger
}

export class AccountCredentials {
  constructor(private readonly deps: AccountCredentialsDeps) {}

  /**
   * The home takes the email first, so uniqueness is decided service-wide;
   * if the tenant row then refuses it, the home gets its old email back.
   */
  async setEmail(located: LocatedAccount, input: unknown): Promise<void> {
    const { registry, storage } = this.deps
    const email = normalizeEmail(input)
    if (email === null || unstorableText(email)) throw new InvalidRequestError('invalid email address')
    if (email === located.email) return
    try {
      await registry.setHomeEmail(located.did, email)
      // Codes mailed to the old address die with it; the new one is unconfirmed.
      await storage.transact(located.db_name, async (tx) => {
        await refuseWhileMoving(tx, located.did)
        await tx.accounts.setEmail(located.did, email)
        await tx.emailTokens.deleteAll(located.did)
      })
    } catch (err) {
      await registry.setHomeEmail(located.did, located.email)
      if (isUniqueViolation(err)) {
        throw new InvalidRequestError('This email address is already in use, please use a different email.')
      }
      throw err
    }
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'account email changed')
  }

  /** Sets a new password and ends every session of the account; a password-reset code mailed before is void. */
  async setPassword(located: LocatedAccount, password: string): Promise<void> {
    checkPasswordPolicy(password)
    const hash = await this.deps.passwords.hash(password)
    await this.deps.storage.transact(located.db_name, async (tx) => {
      await refuseWhileMoving(tx, located.did)
      await tx.accounts.setPasswordHash(located.did, hash)
      await tx.sessions.deleteAll(located.did)
      await tx.emailTokens.drop(located.did, 'reset_password')
    })
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'account password changed by an operator')
  }

  /**
   * Makes `signingKey` (a did:key) the atproto signing key of the account's
   * DID document, by a PLC op signed with our rotation key, and reports the
   * identity change. Only the document changes: commits made here are still
   * signed with the key this server holds, so this is for an account moving
   * its repo to the holder of the new key (as a PLC op the user signs would do).
   */
  async setSigningKey(located: LocatedAccount, signingKey: string): Promise<void> {
    try {
      parseDidKey(signingKey)
    } catch {
      throw new InvalidRequestError('signingKey must be a did:key')
    }
    const { plc, storage } = this.deps
    const op = await plc.signingKeyUpdateOp(located.db_name, located.did, signingKey)
    const publishedAt = await plc.publish(located.did, op)
    await storage.transact(located.db_name, async (tx) => {
      await refuseWhileMoving(tx, located.did)
      await tx.plc.append(located.did, op, publishedAt)
      await outbox.identity(tx, located.did, located.handle)
    })
    this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain, signingKey }, 'account signing key changed')
  }
}
