import type { Kysely } from 'kysely'

// Agents: each domain's own agent-registration settings (null: the config's
// default), and the single-use challenges of proof-of-work registration and
// keypair login, kept here so every replica sees one use of each.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain').addColumn('agent_registration', 'boolean').execute()
  await db.schema.alterTable('domain').addColumn('pow_difficulty', 'integer').execute()
  await db.schema
    .createTable('agent_challenge')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    // register | login | rotateKey
    .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
    .addColumn('domain', 'varchar(253)')
    .addColumn('did', 'varchar(2048)')
    .addColumn('difficulty', 'integer')
    // What the agent signs (login, rotateKey), verbatim.
    .addColumn('message', 'text')
    .addColumn('new_key', 'varchar(256)')
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('agent_challenge_expires_idx').on('agent_challenge').column('expires_at').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_challenge').execute()
  await db.schema.alterTable('domain').dropColumn('pow_difficulty').execute()
  await db.schema.alterTable('domain').dropColumn('agent_registration').execute()
}
