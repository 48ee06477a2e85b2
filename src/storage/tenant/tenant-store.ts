// One tenant database as the services see it: its tables' stores bound to one
// handle, in the spirit of the official PDS's actor store. A TenantReader only
// reads (no locks, any connection); a TenantTransactor also writes, and is
// what `Storage.transact` hands out inside one transaction. Stores are bound
// on first use, so a request that reads one record binds one store.
import type { TenantDb } from '../storage.js'
import { StoreBundle } from '../store-bundle.js'
import { AccountCopyReader, AccountCopyTransactor } from './account-copy-store.js'
import { AccountReader, AccountTransactor, SessionReader, SessionTransactor } from './account-store.js'
import { AgentKeyReader, AgentKeyTransactor } from './agent-key-store.js'
import { AppPasswordReader, AppPasswordTransactor } from './app-password-store.js'
import { BlobReader, BlobTransactor } from './blob-store.js'
import { ChannelReader, ChannelTransactor } from './channel-store.js'
import { DirectoryReader, DirectoryTransactor } from './directory-store.js'
import { InviteReader, InviteTransactor } from './invite-store.js'
import { EmailTokenReader, EmailTokenTransactor, MailQueueReader, MailQueueTransactor } from './mail-store.js'
import { NotificationReader, NotificationTransactor } from './notification-store.js'
import { OrderReader, OrderTransactor } from './order-store.js'
import { OutboxReader, OutboxTransactor } from './outbox-store.js'
import { PlcReader, PlcTransactor } from './plc-store.js'
import { PreferenceReader, PreferenceTransactor } from './preference-store.js'
import { RepoReader, RepoTransactor } from './repo-store.js'
import { SearchReader, SearchTransactor } from './search-store.js'
import { VoteReader, VoteTransactor } from './vote-store.js'

export class TenantReader extends StoreBundle<TenantDb> {
  get accounts(): AccountReader {
    return this.bound('accounts', () => new AccountReader(this.db))
  }
  get sessions(): SessionReader {
    return this.bound('sessions', () => new SessionReader(this.db))
  }
  get appPasswords(): AppPasswordReader {
    return this.bound('appPasswords', () => new AppPasswordReader(this.db))
  }
  get preferences(): PreferenceReader {
    return this.bound('preferences', () => new PreferenceReader(this.db))
  }
  get repo(): RepoReader {
    return this.bound('repo', () => new RepoReader(this.db))
  }
  get blobs(): BlobReader {
    return this.bound('blobs', () => new BlobReader(this.db))
  }
  get search(): SearchReader {
    return this.bound('search', () => new SearchReader(this.db))
  }
  /** The agent app's orders and the sellers' updates of them. */
  get orders(): OrderReader {
    return this.bound('orders', () => new OrderReader(this.db))
  }
  /** The agent directory: profiles, and agents with their listings and reviews. */
  get directory(): DirectoryReader {
    return this.bound('directory', () => new DirectoryReader(this.db))
  }
  get plc(): PlcReader {
    return this.bound('plc', () => new PlcReader(this.db))
  }
  get agentKeys(): AgentKeyReader {
    return this.bound('agentKeys', () => new AgentKeyReader(this.db))
  }
  get outbox(): OutboxReader {
    return this.bound('outbox', () => new OutboxReader(this.db))
  }
  get emailTokens(): EmailTokenReader {
    return this.bound('emailTokens', () => new EmailTokenReader(this.db))
  }
  get mailQueue(): MailQueueReader {
    return this.bound('mailQueue', () => new MailQueueReader(this.db))
  }
  get invites(): InviteReader {
    return this.bound('invites', () => new InviteReader(this.db))
  }
  /** Every row of one account, as a move to another tenant carries it. */
  get accountCopy(): AccountCopyReader {
    return this.bound('accountCopy', () => new AccountCopyReader(this.db))
  }
  /** The agent app's inbox: notifications its accounts' records make, and what its accounts have seen. */
  get notifications(): NotificationReader {
    return this.bound('notifications', () => new NotificationReader(this.db))
  }
  get votes(): VoteReader {
    return this.bound('votes', () => new VoteReader(this.db))
  }
  get channels(): ChannelReader {
    return this.bound('channels', () => new ChannelReader(this.db))
  }
}

/**
 * The same tables with their writes. Inside `Storage.transact` it holds one
 * transaction, and what needs the repo's lock (`repo.lockForCommit`) or
 * several statements to agree runs only there; `Storage.write` hands one out
 * on the bare handle, for writes of one statement each.
 */
export class TenantTransactor extends TenantReader {
  override get accounts(): AccountTransactor {
    return this.bound('accounts', () => new AccountTransactor(this.db))
  }
  override get sessions(): SessionTransactor {
    return this.bound('sessions', () => new SessionTransactor(this.db))
  }
  override get appPasswords(): AppPasswordTransactor {
    return this.bound('appPasswords', () => new AppPasswordTransactor(this.db))
  }
  override get preferences(): PreferenceTransactor {
    return this.bound('preferences', () => new PreferenceTransactor(this.db))
  }
  override get repo(): RepoTransactor {
    return this.bound('repo', () => new RepoTransactor(this.db))
  }
  override get blobs(): BlobTransactor {
    return this.bound('blobs', () => new BlobTransactor(this.db))
  }
  override get search(): SearchTransactor {
    return this.bound('search', () => new SearchTransactor(this.db))
  }
  override get orders(): OrderTransactor {
    return this.bound('orders', () => new OrderTransactor(this.db))
  }
  override get directory(): DirectoryTransactor {
    return this.bound('directory', () => new DirectoryTransactor(this.db))
  }
  override get plc(): PlcTransactor {
    return this.bound('plc', () => new PlcTransactor(this.db))
  }
  override get agentKeys(): AgentKeyTransactor {
    return this.bound('agentKeys', () => new AgentKeyTransactor(this.db))
  }
  override get outbox(): OutboxTransactor {
    return this.bound('outbox', () => new OutboxTransactor(this.db))
  }
  override get emailTokens(): EmailTokenTransactor {
    return this.bound('emailTokens', () => new EmailTokenTransactor(this.db))
  }
  override get mailQueue(): MailQueueTransactor {
    return this.bound('mailQueue', () => new MailQueueTransactor(this.db))
  }
  override get invites(): InviteTransactor {
    return this.bound('invites', () => new InviteTransactor(this.db))
  }
  override get accountCopy(): AccountCopyTransactor {
    return this.bound('accountCopy', () => new AccountCopyTransactor(this.db))
  }
  override get notifications(): NotificationTransactor {
    return this.bound('notifications', () => new NotificationTransactor(this.db))
  }
  override get votes(): VoteTransactor {
    return this.bound('votes', () => new VoteTransactor(this.db))
  }
  override get channels(): ChannelTransactor {
    return this.bound('channels', () => new ChannelTransactor(this.db))
  }
}
