import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('domain')
    .addColumn('name', 'varchar(253)', (c) => c.primaryKey())
    .addColumn('db_name', 'varchar(63)', (c) => c.notNull().unique())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('did_routing')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('handle', 'varchar(253)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(320)', (c) => c.unique())
    .addColumn('domain', 'varchar(253)', (c) => c.notNull())
    .addColumn('pending', 'boolean', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('did_routing_domain_idx').on('did_routing').column('domain').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('did_routing').execute()
  await db.schema.dropTable('domain').execute()
}
