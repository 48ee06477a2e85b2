// Table types for kysely: the management database and the per-tenant databases.
// Timestamps are ISO-8601 strings, identical on Postgres and PGlite.
import type { Generated } from 'kysely'

export type DomainStatus = 'creating' | 'active' | 'removing'

export interface DomainTable {
  name: string
  db_name: string
  status: DomainStatus
  created_at: string
  updated_at: string
  /** Whether agents may register here; null: the config's agents.registrationDefault. */
  agent_registration: boolean | null
  /** Proof-of-work difficulty of agent registration here; null: the config's agents.powDifficulty. */
  pow_difficulty: number | null
  /** The sender of this domain's mail (`a@b.c` or `Name <a@b.c>`); null: the config's email.from. */
  email_from: string | null
  /** Set when mail is queued in the domain's database, cleared once its queue is empty: what the mail job sweeps. */
  mail_pending_since: string | null
  /** Whether sign-up here needs an invite code; null: the config's invites.required. */
  invite_required: boolean | null
  /** The domain's own PDS host on the network (a hostname, lower case); null: the service host. */
  pds_hostname: string | null
  /** The most events per second its host's firehose sends a subscriber; null: the config's default. */
  firehose_events_per_second: number | null
}

export interface DidRoutingTable {
  did: string
  handle: string
  email: string | null
  domain: string
  /** True from the moment a handle is reserved until the tenant row exists. */
  pending: boolean
  created_at: string
  /** The PDS host the account is on (its DID document's endpoint, its events' stream); null: the service host. */
  pds_host: string | null
  /** Set when the account changed host and the relays have not been told yet (#identity and #sync on the new host). */
  pds_host_announce: boolean
}

export interface FirehoseEventTable {
  /** bigint: pg returns it as a string. */
  seq: string
  did: string
  kind: OutboxKind
  time: string
  /**
   * bigint: the JSON stream's cursor, unique and increasing with seq; the
   * event's JSON events are numbered up to it. The sequencer sets it
   * (defaults to the wall clock in µs for a row written by other means).
   */
  time_us: Generated<string>
  frame: Uint8Array
  /** Tenant database name the event was drained from, or '' for the management outbox. */
  source: string
  outbox_id: string
  /** The PDS host whose stream carries the event (its account's when sequenced); null: the service host. */
  host: string | null
}

export interface ManagementOutboxTable extends OutboxTable {
  /** For events handed over from a removed tenant: where they were first written. */
  origin_source: string | null
  origin_id: string | null
}

export type AgentChallengePurpose = 'register' | 'login' | 'rotateKey'

export interface AgentChallengeTable {
  id: string
  purpose: AgentChallengePurpose
  domain: string | null
  did: string | null
  difficulty: number | null
  message: string | null
  new_key: string | null
  expires_at: string
  created_at: string
}

export interface RateLimitTable {
  key: string
  used: number
  /** bigint, epoch milliseconds: pg returns it as a string. */
  reset_at: string
}

/** Which account a mailed code of `purpose` belongs to, for the calls that bring only the code (resetPassword). */
export interface EmailTokenHomeTable {
  purpose: EmailTokenPurpose
  token: string
  did: string
  created_at: string
}

/** A feed of the PLC directory this server follows (its export), with one process's lease on reading it. */
export interface PlcFollowTable {
  name: string
  /** The `createdAt` of the last op read; null: not started. */
  cursor: string | null
  lease_owner: string | null
  leased_until: string | null
  updated_at: string
}

/** Where a move of an account between our tenant domains is: see AccountMoves. */
export type AccountMovePhase = 'copying' | 'switched'

/** One domain owner's consent to move an account into or out of their domain (host.primal.pds.moveAccount). */
export interface MoveConsentTable {
  did: string
  new_handle: string
  /** The consenting owner's domain: the account's, or the one it moves to. */
  domain: string
  owner_did: string
  expires_at: string
  created_at: string
}

/** An account moving between two of our tenant domains (one row while the move is under way). */
export interface AccountMoveTable {
  did: string
  from_domain: string
  from_db: string
  to_domain: string
  to_db: string
  old_handle: string
  new_handle: string
  phase: AccountMovePhase
  created_at: string
  updated_at: string
}

/** A browser the OAuth server has seen (its cookie's device id). */
export interface OAuthDeviceTable {
  id: string
  session_id: string
  user_agent: string | null
  ip_address: string
  last_seen_at: string
}

/** An account signed in on a device. */
export interface OAuthDeviceAccountTable {
  device_id: string
  did: string
  created_at: string
  updated_at: string
}

/** An OAuth authorization request, from the pushed request to the code's exchange. */
export interface OAuthRequestTable {
  id: string
  client_id: string
  device_id: string | null
  did: string | null
  code: string | null
  expires_at: string
  /** JSON: what the provider keeps beside the columns (client authentication, parameters). */
  data: string
}

/** An OAuth session: its current token id and refresh token, both replaced on each refresh. */
export interface OAuthTokenTable {
  /** bigint, stable across rotations: the used refresh tokens point at it. Never leaves the floor. */
  id: Generated<string>
  token_id: string
  did: string
  client_id: string
  device_id: string | null
  code: string | null
  current_refresh_token: string | null
  /** When the current access token expires (the session may still be refreshed after). */
  expires_at: string
  created_at: string
  updated_at: string
  /** JSON: client authentication, parameters, scope. */
  data: string
}

/** A refresh token a session had before its current one. */
export interface OAuthUsedRefreshTokenTable {
  refresh_token: string
  /** oauth_token.id */
  token: string
}

/** A client an account has authorized, with what it granted. */
export interface OAuthAuthorizedClientTable {
  did: string
  client_id: string
  /** JSON: the provider's AuthorizedClientData. */
  data: string
  created_at: string
  updated_at: string
}

/** A nonce seen, refused again until `expires_at`. */
export interface OAuthReplayNonceTable {
  namespace: string
  nonce: string
  expires_at: string
}

/** A lexicon (permission set) the OAuth server resolved, or failed to. */
export interface OAuthLexiconTable {
  nsid: string
  /** Whether the document was found; failures are dropped once old. */
  resolved: boolean
  updated_at: string
  /** JSON: the provider's LexiconData. */
  data: string
}

/** A webhook an account registered (`src/gather/webhook/`). */
export interface WebhookTable {
  id: string
  did: string
  url: string
  /** The filter as is.gather.webhook.defs#filter (jsonb). */
  filter: unknown
  status: 'active' | 'paused'
  /** bigint: pg returns it as a string. Events up to it predate the webhook. */
  from_seq: string
  consecutive_failures: Generated<number>
  /** bigint: pg returns it as a string. */
  dropped: Generated<string>
  last_attempt_at: string | null
  last_status: number | null
  last_error: string | null
  last_delivered_at: string | null
  created_at: string
}

/** A delivery waiting to be sent (or sent again) to a webhook. */
export interface WebhookDeliveryTable {
  webhook_id: string
  /** bigint: pg returns it as a string. The firehose event it comes from. */
  seq: string
  /** Its place among what that event yields for the webhook. */
  idx: number
  payload: string
  attempts: Generated<number>
  next_attempt_at: string
  created_at: string
}

/** Where the webhook dispatcher stands in the firehose. */
export interface WebhookDispatchTable {
  name: string
  /** bigint: pg returns it as a string. */
  seq: string
  updated_at: string
}

export interface ManagementSchema {
  webhook: WebhookTable
  webhook_delivery: WebhookDeliveryTable
  webhook_dispatch: WebhookDispatchTable
  plc_follow: PlcFollowTable
  account_move: AccountMoveTable
  move_consent: MoveConsentTable
  email_token_home: EmailTokenHomeTable
  agent_challenge: AgentChallengeTable
  rate_limit: RateLimitTable
  domain: DomainTable
  did_routing: DidRoutingTable
  firehose_event: FirehoseEventTable
  outbox: ManagementOutboxTable
  oauth_device: OAuthDeviceTable
  oauth_device_account: OAuthDeviceAccountTable
  oauth_request: OAuthRequestTable
  oauth_token: OAuthTokenTable
  oauth_used_refresh_token: OAuthUsedRefreshTokenTable
  oauth_authorized_client: OAuthAuthorizedClientTable
  oauth_replay_nonce: OAuthReplayNonceTable
  oauth_lexicon: OAuthLexiconTable
}

export type AccountRole = 'owner' | 'admin' | 'user'
export type AccountStatus = 'active' | 'suspended' | 'disabled'
/**
 * What the protocol is told of an account: its moderation status, and while
 * that is `active`, whether its owner deactivated it (`deactivated_at`).
 */
export type AccountState = AccountStatus | 'deactivated'

export interface AccountTable {
  did: string
  handle: string
  email: string | null
  password_hash: string
  role: AccountRole
  status: AccountStatus
  /** The secp256k1 repo signing key, AES-256-GCM encrypted with the server's key encryption key. */
  signing_key: Uint8Array
  /** The account's latest signed PLC operation (JSON): the genesis op until the handle changes. */
  plc_op: unknown
  /** Set once the latest op has been accepted by the PLC directory. */
  plc_published_at: string | null
  /** Set while the account is taken down by moderation (status `disabled`): which action did it. */
  takedown_ref: string | null
  /** When the account's current email was confirmed (a mailed code); null: not confirmed. */
  email_confirmed_at: string | null
  /** Whether signing in with the password also needs a code mailed to the account's email. */
  email_auth_factor: boolean
  /** Set while the account's owner (or an operator) has it deactivated; apart from `status`, as the official PDS keeps it. */
  deactivated_at: string | null
  /** When the owner, deactivating, said the account may be deleted; stored only, as the official PDS stores it. */
  delete_after: string | null
  /** Set when the account's DID document stopped naming this server (it moved away); deactivated with it. */
  moved_at: string | null
  /** Set while the account is being moved to another of our domains: its writes and new sessions wait. */
  moving_since: string | null
  created_at: string
  updated_at: string
}

/** What a mailed code is for: the official PDS's purposes, and sign_in for the email second factor. */
export type EmailTokenPurpose =
  | 'confirm_email'
  | 'update_email'
  | 'reset_password'
  | 'delete_account'
  | 'plc_operation'
  | 'sign_in'

/** A short code mailed to an account, one per purpose; it is good for one use within its lifetime. */
export interface EmailTokenTable {
  purpose: EmailTokenPurpose
  did: string
  /** XXXXX-XXXXX in upper case. */
  token: string
  requested_at: string
}

/** A mail to send: kept until sent (and a while after), retried with backoff, leased to one sender at a time. */
export interface MailQueueTable {
  /** bigint: pg returns it as a string. */
  id: Generated<string>
  /** The account it is for, if any (for its domain's sender and logs). */
  did: string | null
  to_address: string
  subject: string
  text_body: string
  html_body: string
  attempts: Generated<number>
  next_attempt_at: string
  lease_owner: string | null
  leased_until: string | null
  sent_at: string | null
  /** Set when the retries ran out: the mail is given up. */
  failed_at: string | null
  last_error: string | null
  created_at: string
}

export interface RefreshTokenTable {
  /** The jti of one refresh token; rotation replaces it. */
  id: string
  /** Stable across rotations: deleting a session's rows revokes its access tokens too. */
  session_id: string
  did: string
  /** Shortened to the end of the grace period when the token is used. */
  expires_at: string
  /** When the pair was issued (whole seconds for tokens issued since next_id). */
  created_at: string
  /** The token this one's first use issued: a reuse within the grace period gets that pair again. */
  next_id: string | null
  /** The app password the session was opened with (null: the account's password). */
  app_password_name: string | null
}

/** An app password of an account (com.atproto.server.createAppPassword). */
export interface AppPasswordTable {
  did: string
  /** The name its owner gave it, unique per account. */
  name: string
  /** scrypt, salted by the account's DID as the official PDS's: a login finds it by this hash. */
  password_hash: string
  /** Privileged: its sessions may reach the direct messages and mint tokens for privileged methods. */
  privileged: boolean
  created_at: string
}

export interface RepoRootTable {
  did: string
  /** CID of the signed commit at the head of the repo. */
  cid: string
  rev: string
  updated_at: string
}

export interface RepoBlockTable {
  did: string
  cid: string
  /** Rev of the commit that last added the block. */
  rev: string
  size: number
  content: Uint8Array
  /** Rev of the commit that dropped the block; the row is swept after a grace period. */
  removed_rev: string | null
  removed_at: string | null
}

export interface RecordTable {
  did: string
  collection: string
  rkey: string
  cid: string
  rev: string
  indexed_at: string
  /** Set while the record is taken down: it is not served (its repo still holds it, signed). */
  takedown_ref: string | null
}

export interface BlobTable {
  did: string
  cid: string
  mime_type: string
  size: number
  content: Uint8Array
  created_at: string
  /** Null while a record uses the blob; otherwise since when none has. */
  unreferenced_since: string | null
  /** Set while the blob is taken down: it is not served, and no record may take it up. */
  takedown_ref: string | null
}

export interface RecordBlobTable {
  did: string
  blob_cid: string
  /** `<collection>/<rkey>` of the record using the blob. */
  record_path: string
  /** Rev of the commit that wrote the record. */
  rev: string
}

export type OutboxKind = 'commit' | 'sync' | 'identity' | 'account'

export interface OutboxTable {
  id: Generated<string>
  did: string
  kind: OutboxKind
  /** DAG-CBOR of the event body without seq and time. */
  event: Uint8Array
  created_at: string
}

export interface PlcOperationTable {
  /** Order of creation: ops are published in this order. */
  id: Generated<string>
  did: string
  op: unknown
  created_at: string
  /** Null until the PLC directory accepted the op. */
  published_at: string | null
}

export interface AgentKeyTable {
  did: string
  /** The agent's login key as a did:key (Ed25519, secp256k1 or P-256). */
  public_key: string
  trusted: boolean
  created_at: string
  updated_at: string
}

/** A post or skill listing as a search document (`src/gather/search/`). */
export interface SearchDocTable {
  did: string
  collection: string
  rkey: string
  cid: string
  /** The record in its JSON form (jsonb). */
  record: unknown
  /** What is searched: post text and tags; listing name, description, usage and tags. */
  text: string
  /** tsvector, built from the same parts with weights; written with SQL, never read back. */
  tsv: unknown
  /** When the record was first indexed: the order of "newest first". */
  created_at: string
  /** When the current version was indexed. */
  indexed_at: string
}

/** A skill review (`is.gather.skill.review`): who rated which subject how. */
export interface SkillReviewTable {
  did: string
  rkey: string
  subject_uri: string
  subject_cid: string
  rating: number
  indexed_at: string
}

/** A version (CID) an is.gather.skill.listing record has had: what a review's strong ref must name to count. */
export interface ListingVersionTable {
  did: string
  rkey: string
  cid: string
}

/** One preference of an account (app.bsky.actor.putPreferences), in put order. */
export interface AccountPrefTable {
  /** bigint: pg returns it as a string. */
  id: Generated<string>
  did: string
  /** The preference's $type. */
  name: string
  /** The preference as the client put it. */
  value_json: string
}

export interface InviteCodeTable {
  code: string
  /** How many accounts the code may create. */
  available_uses: number
  disabled: boolean
  /** The DID the code was made for, or 'admin' for one made by whoever manages the domain. */
  for_account: string
  /** 'admin' for a code made by whoever manages the domain; the account's DID for one it earned. */
  created_by: string
  created_at: string
}

export interface InviteCodeUseTable {
  code: string
  used_by: string
  used_at: string
}

/** An account whose invites are disabled (com.atproto.admin.disableAccountInvites). */
export interface InviteDisabledAccountTable {
  did: string
  created_at: string
}

/** A notification: a record of one account that concerns another (in the author's tenant). */
export interface GatherNotificationTable {
  author_did: string
  collection: string
  rkey: string
  recipient_did: string
  reason: string
  subject_uri: string | null
  cid: string
  record: unknown
  indexed_at: string
}

/** Up to when an account has seen its notifications (in its own tenant). */
export interface GatherNotificationSeenTable {
  did: string
  seen_at: string
}

/** A vote (`is.gather.feed.vote`) on a post. */
export interface GatherVoteTable {
  did: string
  rkey: string
  subject_uri: string
  subject_cid: string
  direction: string
  indexed_at: string
}

/** An order (`is.gather.shop.order`) in its buyer's repo. */
export interface GatherOrderTable {
  did: string
  rkey: string
  cid: string
  seller_did: string | null
  record: unknown
  amount_valid: boolean
  /** Why amount_valid is false: a JSON array of strings. */
  problems: unknown
  created_at: string
  indexed_at: string
}

/** A seller's update (`is.gather.shop.orderUpdate`) of an order. */
export interface GatherOrderUpdateTable {
  did: string
  rkey: string
  cid: string
  order_uri: string
  order_cid: string
  status: string
  note: string | null
  delivery_ref: string | null
  indexed_at: string
}

/** A channel (`is.gather.feed.channel`). */
export interface GatherChannelTable {
  did: string
  rkey: string
  cid: string
  record: unknown
  created_at: string
  indexed_at: string
}

/** A post that names a channel. */
export interface GatherChannelPostTable {
  did: string
  rkey: string
  channel_uri: string
  created_at: string
}

/** An agent's profile (`is.gather.actor.profile`, rkey self). */
export interface GatherProfileTable {
  did: string
  cid: string
  record: unknown
  /** The profile's name, lower-cased: the directory's order by name. */
  name: string
  /** The profile's capabilities: a JSON array of strings. */
  capabilities: unknown
  indexed_at: string
}

export interface TenantSchema {
  gather_notification: GatherNotificationTable
  gather_notification_seen: GatherNotificationSeenTable
  gather_vote: GatherVoteTable
  gather_order: GatherOrderTable
  gather_order_update: GatherOrderUpdateTable
  gather_channel: GatherChannelTable
  gather_channel_post: GatherChannelPostTable
  gather_profile: GatherProfileTable
  email_token: EmailTokenTable
  mail_queue: MailQueueTable
  invite_code: InviteCodeTable
  invite_code_use: InviteCodeUseTable
  invite_disabled_account: InviteDisabledAccountTable
  agent_key: AgentKeyTable
  account: AccountTable
  refresh_token: RefreshTokenTable
  app_password: AppPasswordTable
  account_pref: AccountPrefTable
  repo_root: RepoRootTable
  repo_block: RepoBlockTable
  record: RecordTable
  blob: BlobTable
  record_blob: RecordBlobTable
  outbox: OutboxTable
  plc_operation: PlcOperationTable
  search_doc: SearchDocTable
  skill_review: SkillReviewTable
  listing_version: ListingVersionTable
}
