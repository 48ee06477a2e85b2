// The one AppContext: config, storage, keys, services and logger, built once
// at start and passed down. Tests build their own.
import { Secp256k1Keypair } from '@atproto/crypto'
import { AccountService } from './account/account-service.js'
import { SessionService } from './account/session-service.js'
import { SigningKeyVault } from './account/signing-key.js'
import { TokenIssuer } from './auth/tokens.js'
import { AuthVerifier } from './auth/verifiers.js'
import type { Config } from './config/config.js'
import { EmbeddedStorage } from './db/embedded.js'
import { PostgresStorage } from './db/postgres.js'
import type { Storage } from './db/storage.js'
import { serviceDidFor } from './identity/service-did.js'
import { createLogger, type Logger } from './logger.js'
import { Directory } from './tenant/directory.js'
import { DomainService } from './tenant/domain-service.js'

export type AppContext = {
  config: Config
  logger: Logger
  storage: Storage
  directory: Directory
  serviceDid: string
  plcRotationKey: Secp256k1Keypair
  tokens: TokenIssuer
  accounts: AccountService
  domains: DomainService
  sessions: SessionService
  auth: AuthVerifier
}

/** Interrupted domain or account changes older than this are swept at start. */
const RECOVERY_AGE_MS = 10 * 60 * 1000

export async function openStorage(config: Config, logger: Logger): Promise<Storage> {
  return config.database ? PostgresStorage.open(config.database, logger) : EmbeddedStorage.open(config.dataDir)
}

export async function createAppContext(config: Config, opts: { logger?: Logger } = {}): Promise<AppContext> {
  const logger = opts.logger ?? createLogger(config.logLevel)
  const storage = await openStorage(config, logger)
  try {
    await storage.migrateManagement()
    const directory = new Directory(storage.management)
    const serviceDid = serviceDidFor(config.serviceURL)
    const plcRotationKey = await Secp256k1Keypair.import(config.plcRotationKey)
    const tokens = new TokenIssuer(config.jwtSecret, serviceDid)
    const accounts = new AccountService({
      storage,
      directory,
      vault: new SigningKeyVault(config.keyEncryptionKey),
      plcRotationKey,
      pdsEndpoint: config.serviceURL,
      logger,
    })
    const domains = new DomainService({ storage, directory, accounts, logger })
    const sessions = new SessionService(storage, accounts, tokens)
    const auth = new AuthVerifier(config.adminKey, tokens, sessions)
    const ctx: AppContext = {
      config,
      logger,
      storage,
      directory,
      serviceDid,
      plcRotationKey,
      tokens,
      accounts,
      domains,
      sessions,
      auth,
    }
    await recover(ctx)
    return ctx
  } catch (err) {
    await storage.close().catch(() => {})
    throw err
  }
}

/** Brings every tenant to the latest migration and sweeps changes a crash cut short. */
async function recover(ctx: AppContext): Promise<void> {
  const staleBefore = new Date(Date.now() - RECOVERY_AGE_MS)
  await ctx.domains.recoverInterrupted(staleBefore)
  for (const d of await ctx.directory.listDomains()) {
    if (d.status === 'active') await ctx.storage.migrateTenant(d.db_name)
  }
  await ctx.accounts.recoverPending(staleBefore)
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.storage.close()
}
