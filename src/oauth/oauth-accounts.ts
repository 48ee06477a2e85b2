// The OAuth provider's account store over our accounts: a user of any tenant
// signs in at our one issuer by handle, email or DID, with the checks
// createSession makes (the login budget, the password, takedowns, the email
// second factor), and the account pages reach the same services the XRPC
// methods do. What the provider remembers of devices and clients is in the
// management database (OAuthStores).

import {
  HandleUnavailableError,
  InvalidCredentialsError,
  InvalidRequestError,
  SecondAuthenticationFactorRequiredError,
} from '@atproto/oauth-provider/errors'
import type {
  Account,
  AccountStore,
  AuthenticateAccountData,
  AuthorizedClientData,
  AuthorizedClients,
  ClientId,
  CreateAccountData,
  DeactivateAccountData,
  DeleteAccountConfirmInput,
  DeleteAccountRequestInput,
  DeviceAccount,
  DeviceId,
  Did,
  ReactivateAccountData,
  ResetPasswordConfirmInput,
  ResetPasswordRequestInput,
  UpdateEmailConfirmInput,
  UpdateEmailRequestInput,
  UpdateEmailRequestOutput,
  UpdateHandleData,
  VerifyEmailConfirmInput,
  VerifyEmailRequestInput,
} from '@atproto/oauth-provider/store'
import { XRPCError } from '@atproto/xrpc-server'
import type { AccountEmail } from '../account/account-email.js'
import type { AccountService } from '../account/account-service.js'
import type { SessionService } from '../account/session-service.js'
import type { RateLimits } from '../ratelimit/rate-limits.js'
import { loginKey } from '../ratelimit/rate-limits.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import { type AccountSummary, accountState } from '../storage/tenant/account-store.js'
import type { OAuthDeviceAccounts, OAuthStores } from './oauth-stores.js'

/** What the provider keeps of devices and the clients an account authorized (OAuthStores). */
type DeviceAccounts = OAuthDeviceAccounts & Pick<OAuthStores, 'authorizedClients'>

export type OAuthAccountsDeps = {
  accounts: AccountService
  sessions: SessionService
  accountEmail: AccountEmail
  rateLimits: RateLimits
  /** The service DID: the `pds` every account names. */
  serviceDid: string
}

type AccountOf = (did: string) => Promise<Account | null>

/** The provider's AccountStore over our accounts (handed to it as is). */
export class OAuthAccounts implements AccountStore {
  private devices?: DeviceAccounts

  constructor(private readonly deps: OAuthAccountsDeps) {}

  /** The store of devices and clients; set once, before the provider serves (it needs accountOf in turn). */
  useDevices(devices: DeviceAccounts): void {
    this.devices = devices
  }

  /**
   * The provider's view of an account; null when no tenant has it (deleted,
   * or moved away) or moderation holds it (suspended, disabled): its tokens
   * and device sign-ins then count for nothing, and it authorizes no client.
   */
  accountOf: AccountOf = async (did) => {
    // Every OAuth request reads its token and so its account: through the memory of recent homes, as access checks.
    const { accounts } = this.deps
    const summary = await accounts.recentHomes.withHome(did, (located) => accounts.findSummary(located))
    return summary && summary.status === 'active' ? this.toAccount(summary) : null
  }

  private get deviceStore(): DeviceAccounts {
    if (!this.devices) throw new Error('OAuth device store is not set')
    return this.devices
  }

  setAuthorizedClient(did: Did, clientId: ClientId, data: AuthorizedClientData): Promise<void> {
    return this.deviceStore.setAuthorizedClient(did, clientId, data)
  }

  async getAccount(did: Did): Promise<{ account: Account; authorizedClients: AuthorizedClients }> {
    const account = await this.accountOf(did)
    if (!account) throw new InvalidRequestError('Account not found')
    return { account, authorizedClients: await this.deviceStore.authorizedClients(did) }
  }

  upsertDeviceAccount(deviceId: DeviceId, did: Did): Promise<void> {
    return this.deviceStore.upsertDeviceAccount(deviceId, did)
  }

  getDeviceAccount(deviceId: DeviceId, did: Did): Promise<DeviceAccount | null> {
    return this.deviceStore.getDeviceAccount(deviceId, did)
  }

  removeDeviceAccount(deviceId: DeviceId, did: Did): Promise<void> {
    return this.deviceStore.removeDeviceAccount(deviceId, did)
  }

  listDeviceAccounts(filter: { did: Did } | { deviceId: DeviceId }): Promise<DeviceAccount[]> {
    return this.deviceStore.listDeviceAccounts(filter)
  }

  /**
   * Sign-in: the identifier's login budget is spent first, then the checks
   * createSession makes. An app password is refused (OAuth grants are the
   * account owner's), and so is a deactivated account, as the official PDS
   * refuses it: a client must not get fresh credentials for it.
   */
  async authenticateAccount({ username, password, emailOtp }: AuthenticateAccountData): Promise<Account> {
    const { accounts, sessions, accountEmail, rateLimits } = this.deps
    const located = await accounts.locate(username)
    await rateLimits.consumeLogin('password', loginKey(username, located)).catch(rethrowAsOAuth)
    const { account, appPassword } = await sessions
      .authenticate(located, password, (at, summary) =>
        accountEmail.checkSignInCode(at, summary, emailOtp || undefined),
      )
      .catch((err: unknown) => {
        if (err instanceof XRPCError && err.customErrorName === 'AuthFactorTokenRequired') {
          throw new SecondAuthenticationFactorRequiredError('emailOtp', maskEmail(located?.email ?? ''), err)
        }
        if (err instanceof XRPCError && err.customErrorName === 'AccountTakedown') {
          throw new InvalidRequestError('Account has been taken down', err)
        }
        if (err instanceof XRPCError && err.type === 401) {
          throw new InvalidCredentialsError('Invalid identifier or password', undefined, err)
        }
        return rethrowAsOAuth(err)
      })
    if (appPassword) throw new InvalidRequestError('App passwords are not allowed')
    if (accountState(account) === 'deactivated') throw new InvalidRequestError('Account is deactivated')
    return this.toAccount(account)
  }

  /** Sign-up goes through com.atproto.server.createAccount, where each domain's invite and handle rules apply. */
  async createAccount(_data: CreateAccountData): Promise<Account> {
    throw new InvalidRequestError(
      'Accounts are created with com.atproto.server.createAccount on their domain; sign in here with an existing account',
    )
  }

  async resetPasswordRequest({ email }: ResetPasswordRequestInput): Promise<Account | null> {
    const located = await this.deps.accounts.locate(email)
    await this.deps.accountEmail.requestPasswordReset(email).catch(rethrowAsOAuth)
    return located ? this.accountOf(located.did) : null
  }

  async resetPasswordConfirm({ token, password }: ResetPasswordConfirmInput): Promise<Account | null> {
    let did: string
    try {
      did = await this.deps.accountEmail.resetPassword(token, password)
    } catch (err) {
      // A wrong or used code: the provider answers "Invalid token".
      if (err instanceof XRPCError && err.type === 400) return null
      throw err
    }
    return this.accountOf(did)
  }

  async updateEmailRequest({ did }: UpdateEmailRequestInput): Promise<UpdateEmailRequestOutput> {
    const located = await this.mustLocate(did)
    return this.deps.accountEmail.requestUpdate(located).catch(rethrowAsOAuth)
  }

  async updateEmailConfirm({ did, email, token }: UpdateEmailConfirmInput): Promise<Account | null> {
    const located = await this.mustLocate(did)
    await this.deps.accountEmail.update(located, { email, token }).catch(rethrowAsOAuth)
    return this.accountOf(did)
  }

  async verifyEmailRequest({ did }: VerifyEmailRequestInput): Promise<void> {
    await this.deps.accountEmail.requestConfirmation(await this.mustLocate(did)).catch(rethrowAsOAuth)
  }

  async verifyEmailConfirm({ did, email, token }: VerifyEmailConfirmInput): Promise<Account | null> {
    const located = await this.mustLocate(did)
    try {
      await this.deps.accountEmail.confirm(located, email, token)
    } catch (err) {
      if (err instanceof XRPCError && err.type === 400) return null
      throw err
    }
    return this.accountOf(did)
  }

  async verifyHandleAvailability(handle: string): Promise<void> {
    const { accounts } = this.deps
    try {
      accounts.assertHandleAllowed(handle)
    } catch (err) {
      throw new HandleUnavailableError('syntax', err instanceof XRPCError ? err.errorMessage : undefined, err)
    }
    if (!(await accounts.handleAvailable(handle))) throw new HandleUnavailableError('taken')
  }

  async updateHandle({ did, handle }: UpdateHandleData): Promise<Account> {
    const located = await this.mustLocate(did)
    await this.deps.accounts.updateHandle(located, handle).catch((err: unknown) => {
      if (err instanceof XRPCError && err.type === 400) {
        throw new HandleUnavailableError('taken', err.errorMessage, err)
      }
      throw err
    })
    return this.mustAccount(did)
  }

  async deactivateAccount({ did, deleteAfter }: DeactivateAccountData): Promise<Account> {
    await this.deps.accounts.deactivate(await this.mustLocate(did), deleteAfter)
    return this.mustAccount(did)
  }

  async reactivateAccount({ did }: ReactivateAccountData): Promise<Account> {
    await this.deps.accounts.activate(await this.mustLocate(did)).catch(rethrowAsOAuth)
    return this.mustAccount(did)
  }

  async deleteAccountRequest({ did }: DeleteAccountRequestInput): Promise<void> {
    await this.deps.accountEmail.requestAccountDelete(await this.mustLocate(did)).catch(rethrowAsOAuth)
  }

  async deleteAccountConfirm({ did, token, password }: DeleteAccountConfirmInput): Promise<void> {
    await this.deps.accountEmail.deleteAccount(did, password, token).catch(rethrowAsOAuth)
  }

  private async mustLocate(did: string): Promise<LocatedAccount> {
    const located = await this.deps.accounts.locate(did)
    if (!located) throw new InvalidRequestError('Account not found')
    return located
  }

  private async mustAccount(did: string): Promise<Account> {
    const account = await this.accountOf(did)
    if (!account) throw new InvalidRequestError('Account not found')
    return account
  }

  private toAccount(summary: AccountSummary): Account {
    return {
      did: summary.did as Account['did'],
      pds: this.deps.serviceDid as Account['pds'],
      handle: summary.handle as Account['handle'],
      email: summary.email ?? undefined,
      emailVerified: summary.email ? summary.email_confirmed_at !== null : undefined,
      deactivated: summary.deactivated_at !== null,
    }
  }
}

/** Our protocol errors as the provider's, so its pages show their message instead of a server error. */
function rethrowAsOAuth(err: unknown): never {
  if (err instanceof XRPCError && err.type < 500) {
    throw new InvalidRequestError(err.errorMessage ?? err.customErrorName ?? 'Request refused', err)
  }
  throw err
}

/** j***@example.com: enough for the user to know where the code went. */
function maskEmail(email: string): string {
  const at = email.indexOf('@')
  if (at <= 0) return 'your email address'
  return `${email[0]}***${email.slice(at)}`
}
