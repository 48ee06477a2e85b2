import type { Kysely } from 'kysely'

// The OAuth authorization server's state (@atproto/oauth-provider's stores),
// in the management database so every server process sees the same devices,
// requests, tokens and nonces. Accounts live in the tenant databases, so a
// DID here has no foreign key: rows of an account that is gone are skipped
// when read. Times are ISO-8601 strings; `data` columns hold the JSON of what
// the provider stores beside the columns it is looked up by.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_device')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('session_id', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('user_agent', 'text')
    .addColumn('ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  // The accounts signed in on a device; a device's deletion takes its links.
  await db.schema
    .createTable('oauth_device_account')
    .addColumn('device_id', 'varchar(128)', (c) => c.notNull().references('oauth_device.id').onDelete('cascade'))
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_device_account_pkey', ['device_id', 'did'])
    .execute()
  await db.schema.createIndex('oauth_device_account_did_idx').on('oauth_device_account').column('did').execute()

  // Unique code: a code names one request (Postgres lets any number of rows have none).
  await db.schema
    .createTable('oauth_request')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'varchar(128)')
    .addColumn('did', 'varchar(2048)')
    .addColumn('code', 'varchar(128)', (c) => c.unique())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('oauth_request_expires_at_idx').on('oauth_request').column('expires_at').execute()

  // `id` stays while token_id and the refresh token change on every rotation: the used refresh tokens point at it.
  await db.schema
    .createTable('oauth_token')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('token_id', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'varchar(128)')
    .addColumn('code', 'varchar(128)', (c) => c.unique())
    .addColumn('current_refresh_token', 'varchar(128)', (c) => c.unique())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('oauth_token_did_idx').on('oauth_token').column('did').execute()
  await db.schema.createIndex('oauth_token_device_id_idx').on('oauth_token').column('device_id').execute()
  await db.schema.createIndex('oauth_token_updated_at_idx').on('oauth_token').column('updated_at').execute()

  // Refresh tokens a token had before: presented again, they reveal a replay (and the token is revoked).
  await db.schema
    .createTable('oauth_used_refresh_token')
    .addColumn('refresh_token', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('token', 'bigint', (c) => c.notNull().references('oauth_token.id').onDelete('cascade'))
    .execute()
  await db.schema
    .createIndex('oauth_used_refresh_token_token_idx')
    .on('oauth_used_refresh_token')
    .column('token')
    .execute()

  await db.schema
    .createTable('oauth_authorized_client')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_authorized_client_pkey', ['did', 'client_id'])
    .execute()

  // Nonces seen (DPoP proofs, client assertions, ...), each until its time frame ends.
  await db.schema
    .createTable('oauth_replay_nonce')
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_replay_nonce_pkey', ['namespace', 'nonce'])
    .execute()
  await db.schema
    .createIndex('oauth_replay_nonce_expires_at_idx')
    .on('oauth_replay_nonce')
    .column('expires_at')
    .execute()

  // Lexicons of permission sets the provider resolved (or failed to: `resolved` false, dropped after a while).
  await db.schema
    .createTable('oauth_lexicon')
    .addColumn('nsid', 'varchar(512)', (c) => c.primaryKey())
    .addColumn('resolved', 'boolean', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'oauth_lexicon',
    'oauth_replay_nonce',
    'oauth_authorized_client',
    'oauth_used_refresh_token',
    'oauth_token',
    'oauth_request',
    'oauth_device_account',
    'oauth_device',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
