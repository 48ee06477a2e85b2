// What accounts do by mail: confirm or change their email, reset a forgotten
// password, delete themselves, and sign in with a code as a second factor.
// Each mails a short code: the code and the mail carrying it are written in
// one tenant transaction (the mail job sends it), checked for its purpose,
// account and 15-minute life, and used up by the call that takes it.
import { AuthRequiredError, InvalidRequestError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { Logger } from '../lib/logger.js'
import { emailTokenFresh, newEmailToken } from '../mail/email-token.js'
import { codeMail, operatorMail, type RenderedMail } from '../mail/templates.js'
import { isUniqueViolation, type LocatedAccount, type TenantRegistry } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { EmailTokenPurpose } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import type { AccountSummary } from '../storage/tenant/account-store.js'
import type { EmailTokenReader } from '../storage/tenant/mail-store.js'
import type { TenantTransactor } from '../storage/tenant/tenant-store.js'
import { refuseWhileMoving } from './account-moves.js'
import type { AccountService } from './account-service.js'
import { normalizeEmail } from './handle.js'
import { checkPasswordPolicy, type Passwords } from './password.js'

export type AccountEmailDeps = {
  storage: Storage
  registry: TenantRegistry
  accounts: AccountService
  passwords: Passwords
  /** False when the config has no `email`: every method that mails says so. */
  mailConfigured: boolean
  /** Spends one of the account's mail budget; throws (429) when it is spent. */
  /** Spends a mail of the account's: `anonymous` for mail anyone may ask for (a password reset), kept apart. */
  mailBudget: (did: string, kind: 'account' | 'anonymous') => Promise<void>
  /** Tells the mail job that a tenant's queue has a new mail. */
  mailQueued: (dbName: string) => void
  logger: Logger
}

/** What a method that needs mail answers on a server that sends none. */
export const NO_MAIL_MESSAGE =
  'This server does not send email: its operator has not set `email` (smtpUrl, from) in its config'

export class AccountEmail {
  constructor(private readonly deps: AccountEmailDeps) {}

  /** Throws 400 InvalidRequest naming the `email` setting when this server sends no mail. */
  assertMailConfigured(): void {
    if (!this.deps.mailConfigured) throw new InvalidRequestError(NO_MAIL_MESSAGE)
  }

  /** Mails a code to confirm the account's email (com.atproto.server.requestEmailConfirmation). */
  async requestConfirmation(located: LocatedAccount): Promise<void> {
    this.assertMailConfigured()
    const account = await this.withEmail(located)
    await this.mailCode(located, account, 'confirm_email')
  }

  /** Confirms the account's email with the code mailed to it; `email` must be the one it was mailed to. */
  async confirm(located: LocatedAccount, email: string, token: string): Promise<void> {
    const account = await this.deps.accounts.summary(located)
    if (!account.email || account.email !== email.trim().toLowerCase()) {
      throw new InvalidRequestError('invalid email', 'InvalidEmail')
    }
    await this.deps.storage.transact(located.db_name, async (tx) => {
      await refuseWhileMoving(tx, located.did)
      await this.takeToken(tx, located.did, 'confirm_email', token)
      await tx.accounts.setEmailConfirmed(located.did, new Date().toISOString())
    })
  }

  /**
   * Starts an email change (com.atproto.server.requestEmailUpdate): once the
   * email is confirmed, a code goes to it and the change needs that code.
   */
  async requestUpdate(located: LocatedAccount): Promise<{ tokenRequired: boolean }> {
    const account = await this.withEmail(located)
    if (!account.email_confirmed_at) return { tokenRequired: false }
    this.assertMailConfigured()
    await this.mailCode(located, account, 'update_email')
    return { tokenRequired: true }
  }

  /**
   * Changes the account's email and its email second factor
   * (com.atproto.server.updateEmail). A confirmed email changes only with
   * the code mailed to it; a new email is unconfirmed. The second factor
   * mails codes, so it is turned on only for a confirmed email.
   */
  async update(
    located: LocatedAccount,
    input: { email: string; token?: string; emailAuthFactor?: boolean },
  ): Promise<void> {
    const { storage } = this.deps
    const email = normalizeEmail(input.email)
    if (email === null) throw new InvalidRequestError('invalid email address')
    const account = await this.deps.accounts.summary(located)
    const confirmed = !!account.email_confirmed_at
    if (confirmed && !input.token) throw new InvalidRequestError('confirmation token required', 'TokenRequired')
    const changing = email !== account.email
    if (input.emailAuthFactor === true && (changing || !confirmed)) {
      throw new InvalidRequestError('Confirm your email before turning on sign-in codes by email')
    }
    const token = input.token
    // Used up before anything changes: of two calls with one code, one goes on.
    if (token) await storage.transact(located.db_name, (tx) => this.takeToken(tx, located.did, 'update_email', token))
    // A new address voids every other code mailed to the old one.
    if (changing) await this.deps.accounts.credentials.setEmail(located, email)
    if (input.emailAuthFactor !== undefined) {
      const on = input.emailAuthFactor
      await storage.transact(located.db_name, async (tx) => {
        await refuseWhileMoving(tx, located.did)
        await tx.accounts.setEmailAuthFactor(located.did, on)
      })
    }
  }

  /**
   * Mails a password-reset code to the account with `email`, if there is one.
   * The answer is the same either way, so no one learns who has an account here.
   */
  async requestPasswordReset(emailInput: string): Promise<void> {
    this.assertMailConfigured()
    const email = emailInput.trim().toLowerCase()
    const located = email.includes('@') ? await this.deps.accounts.locate(email) : undefined
    const account = located && (await this.deps.accounts.findSummary(located))
    if (!located || !account?.email) return
    try {
      // Its own budget: anyone who knows the address can spend it, and that must not stop the codes
      // the account's owner asks for (sign-in, confirmation) or a reset the domain's admin sends.
      await this.mailCode(located, account, 'reset_password', 'anonymous')
    } catch (err) {
      // Over budget or not, the answer stays the same: it would tell that the account exists.
      if (!(err instanceof XRPCError && err.type === ResponseType.RateLimitExceeded)) throw err
      this.deps.logger.warn({ did: located.did, tenant: located.domain }, 'password reset not mailed: over budget')
    }
  }

  /** Mails a password-reset code to the account `located` (a domain's owner or admin asks for the user). */
  async sendPasswordReset(located: LocatedAccount): Promise<void> {
    this.assertMailConfigured()
    await this.mailCode(located, await this.withEmail(located), 'reset_password')
  }

  /** Sets a new password with a mailed reset code; every session of the account ends. Returns the account's DID. */
  async resetPassword(token: string, password: string): Promise<string> {
    const { registry, storage, passwords, accounts } = this.deps
    checkPasswordPolicy(password)
    const did = await registry.findTokenHome('reset_password', token.trim())
    const located = did ? await accounts.locate(did) : undefined
    if (!located) throw new InvalidRequestError('Token is invalid', 'InvalidToken')
    // Checked before the hash is made, so a wrong code costs no hashing.
    await storage.read(located.db_name, (t) => this.checkToken(t.emailTokens, located.did, 'reset_password', token))
    const hash = await passwords.hash(password)
    await storage.transact(located.db_name, async (tx) => {
      await refuseWhileMoving(tx, located.did)
      await this.takeToken(tx, located.did, 'reset_password', token)
      await tx.accounts.setPasswordHash(located.did, hash)
      await tx.sessions.deleteAll(located.did)
    })
    await registry.deleteTokenHomes(located.did, 'reset_password')
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'password reset with a mailed code')
    return located.did
  }

  /** Mails the code that deleteAccount asks for (com.atproto.server.requestAccountDelete). */
  async requestAccountDelete(located: LocatedAccount): Promise<void> {
    this.assertMailConfigured()
    await this.mailCode(located, await this.withEmail(located), 'delete_account')
  }

  /**
   * Deletes the account with its password and a mailed code
   * (com.atproto.server.deleteAccount): repo, blobs, sessions and home go,
   * `#account` says deleted, and the handle is free again.
   */
  async deleteAccount(did: string, password: string, token: string): Promise<void> {
    const { accounts, storage, passwords } = this.deps
    const located = await accounts.locate(did)
    if (!located || !did.startsWith('did:')) throw new InvalidRequestError('account not found')
    const row = await storage.read(located.db_name, (t) => t.accounts.get(located.did))
    if (!row) throw new InvalidRequestError('account not found')
    const check = await passwords.verify(password, row.password_hash)
    if (!check.ok) throw new AuthRequiredError('Invalid did or password')
    await storage.read(located.db_name, (t) => this.checkToken(t.emailTokens, located.did, 'delete_account', token))
    // The tenant's delete takes the code with every other row of the account.
    await accounts.delete(located)
    await this.deps.registry.deleteTokenHomes(located.did)
  }

  /**
   * The email second factor at sign-in, once the password was right: without
   * a code, one is mailed and the call answers AuthFactorTokenRequired; with
   * one, it must be the code mailed (and is used up).
   */
  async checkSignInCode(located: LocatedAccount, account: AccountSummary, token: string | undefined): Promise<void> {
    if (!account.email_auth_factor) return
    if (!token) {
      this.assertMailConfigured()
      await this.mailCode(located, account, 'sign_in')
      throw new AuthRequiredError('A sign in code has been sent to your email address', 'AuthFactorTokenRequired')
    }
    await this.deps.storage.transact(located.db_name, (tx) => this.takeToken(tx, located.did, 'sign_in', token))
  }

  /**
   * Mails the code com.atproto.identity.signPlcOperation asks for
   * (com.atproto.identity.requestPlcOperationSignature): what a user moving
   * away brings to have this server sign the op that moves their DID.
   */
  async requestPlcOperationSignature(located: LocatedAccount): Promise<void> {
    this.assertMailConfigured()
    await this.mailCode(located, await this.withEmail(located), 'plc_operation')
  }

  /** Uses up the account's PLC operation code: one signature per code. */
  async takePlcOperationToken(located: LocatedAccount, token: string): Promise<void> {
    await this.deps.storage.transact(located.db_name, (tx) => this.takeToken(tx, located.did, 'plc_operation', token))
  }

  /** Mails a message from the domain's operators to the account (com.atproto.admin.sendEmail). */
  async sendOperatorMail(located: LocatedAccount, subject: string, content: string): Promise<void> {
    this.assertMailConfigured()
    const account = await this.withEmail(located)
    const mail = operatorMail({ domain: located.domain, subject, content })
    await this.deps.registry.markMailPending(located.domain)
    await this.deps.storage.transact(located.db_name, (tx) => this.enqueue(tx, located.did, account.email, mail))
    this.deps.mailQueued(located.db_name)
  }

  /** The account's summary; InvalidRequest when it has no email to mail. */
  private async withEmail(located: LocatedAccount): Promise<AccountSummary & { email: string }> {
    const account = await this.deps.accounts.summary(located)
    if (!account.email) throw new InvalidRequestError('account does not have an email address')
    return { ...account, email: account.email }
  }

  /**
   * Makes a new code of `purpose` for the account (replacing any older one)
   * and queues the mail carrying it, in one transaction. A reset code is also
   * noted in the management database first, as resetPassword finds its
   * account by it; a note without its code (a crash between) matches nothing.
   */
  private async mailCode(
    located: LocatedAccount,
    account: AccountSummary,
    purpose: EmailTokenPurpose,
    budget: 'account' | 'anonymous' = 'account',
  ): Promise<void> {
    const to = account.email
    if (!to) throw new InvalidRequestError('account does not have an email address')
    await this.deps.mailBudget(located.did, budget)
    const token = purpose === 'reset_password' ? await this.noteResetToken(located.did) : newEmailToken()
    const mail = codeMail(purpose, { domain: located.domain, handle: account.handle, token })
    const now = new Date().toISOString()
    // First, so the mail job's sweep finds this queue even if this process dies once the mail is queued.
    await this.deps.registry.markMailPending(located.domain)
    await this.deps.storage.transact(located.db_name, async (tx) => {
      await tx.emailTokens.put(located.did, purpose, token, now)
      await this.enqueue(tx, located.did, to, mail)
    })
    this.deps.mailQueued(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain, purpose }, 'code mailed')
  }

  /** A reset code no other account's note has (codes are 50 random bits: a clash is a second draw at most). */
  private async noteResetToken(did: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const token = newEmailToken()
      try {
        await this.deps.registry.putTokenHome('reset_password', token, did)
        return token
      } catch (err) {
        if (!isUniqueViolation(err) || attempt >= 5) throw err
      }
    }
  }

  private async enqueue(tx: TenantTransactor, did: string, to: string, mail: RenderedMail): Promise<void> {
    await tx.mailQueue.enqueue({ did, to, ...mail }, new Date().toISOString())
  }

  /** Throws InvalidToken or ExpiredToken (the official PDS's answers) unless `token` is the account's live code. */
  private async checkToken(
    tokens: EmailTokenReader,
    did: string,
    purpose: EmailTokenPurpose,
    token: string,
  ): Promise<void> {
    const usable = token.length <= 32 && !unstorableText(token)
    const found = usable ? await tokens.find(did, purpose, token.trim()) : undefined
    if (!found) throw new InvalidRequestError('Token is invalid', 'InvalidToken')
    if (!emailTokenFresh(found.requestedAt)) throw new InvalidRequestError('Token is expired', 'ExpiredToken')
  }

  /** Checks the code and uses it up, inside `tx`: of two calls with one code, one succeeds. */
  private async takeToken(tx: TenantTransactor, did: string, purpose: EmailTokenPurpose, token: string): Promise<void> {
    await this.checkToken(tx.emailTokens, did, purpose, token)
    if (!(await tx.emailTokens.take(did, purpose, token.trim()))) {
      throw new InvalidRequestError('Token is invalid', 'InvalidToken')
    }
  }
}
