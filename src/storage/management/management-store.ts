// The management database as the services see it: its tables' stores bound
// to the management handle, with the tenant side's vocabulary. A
// ManagementReader only reads; a ManagementTransactor also writes, each
// statement on its own unless run in `transact`. Stores are made on first use.
import type { ManagementDb } from '../storage.js'
import { StoreBundle } from '../store-bundle.js'
import { AccountMoveStore } from './account-move-store.js'
import { ChallengeReader, ChallengeTransactor } from './challenge-store.js'
import { FirehoseReader, FirehoseTransactor } from './firehose-store.js'
import { OAuthStore } from './oauth-store.js'
import { PlcFollowTransactor } from './plc-follow-store.js'
import { RateLimitTransactor } from './rate-limit-store.js'
import { TenantRegistry } from './tenant-registry.js'
import { WebhookReader, WebhookTransactor } from './webhook-store.js'

export class ManagementReader extends StoreBundle<ManagementDb> {
  get challenges(): ChallengeReader {
    return this.bound('challenges', () => new ChallengeReader(this.db))
  }
  get firehose(): FirehoseReader {
    return this.bound('firehose', () => new FirehoseReader(this.db))
  }
  /** Accounts' webhooks, their queues of deliveries, and the dispatcher's cursor. */
  get webhooks(): WebhookReader {
    return this.bound('webhooks', () => new WebhookReader(this.db))
  }
}

export class ManagementTransactor extends ManagementReader {
  /** Domains and accounts' homes (`did_routing`). */
  get registry(): TenantRegistry {
    return this.bound('registry', () => new TenantRegistry(this.db))
  }
  override get challenges(): ChallengeTransactor {
    return this.bound('challenges', () => new ChallengeTransactor(this.db))
  }
  override get firehose(): FirehoseTransactor {
    return this.bound('firehose', () => new FirehoseTransactor(this.db))
  }
  override get webhooks(): WebhookTransactor {
    return this.bound('webhooks', () => new WebhookTransactor(this.db))
  }
  /** The journal of accounts moving between tenants. */
  get moves(): AccountMoveStore {
    return this.bound('moves', () => new AccountMoveStore(this.db))
  }
  get rateLimits(): RateLimitTransactor {
    return this.bound('rateLimits', () => new RateLimitTransactor(this.db))
  }
  /** Where this server is in the PLC directory's export, and which process reads it. */
  get plcFollow(): PlcFollowTransactor {
    return this.bound('plcFollow', () => new PlcFollowTransactor(this.db))
  }
  /** The OAuth authorization server's devices, requests, tokens, nonces and lexicons. */
  get oauth(): OAuthStore {
    return this.bound('oauth', () => new OAuthStore(this.db))
  }

  /** Runs fn in one transaction on the management database (inside one already: in that one). */
  transact<T>(fn: (tx: ManagementTransactor) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this)
    return this.db.transaction().execute((trx) => fn(new ManagementTransactor(trx)))
  }
}
