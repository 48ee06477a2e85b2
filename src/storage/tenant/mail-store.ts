// SQL on a tenant's `email_token` (the short codes mailed to accounts) and
// `mail_queue` (outgoing mail). A code and the mail carrying it are written
// in one transaction; the mail job leases due rows, so two processes never
// send the same one, and marks them sent once the mail server took them.
import { sql } from 'kysely'
import type { EmailTokenPurpose, MailQueueTable } from '../schema.js'
import type { TenantDb } from '../storage.js'

export type QueuedMail = Omit<MailQueueTable, 'id' | 'attempts'> & { id: string; attempts: number }
export type NewMail = { did: string | null; to: string; subject: string; text: string; html: string }

export class EmailTokenReader {
  constructor(readonly db: TenantDb) {}

  /** The account's code of `purpose` if it is `token` (any case), with when it was mailed. */
  async find(did: string, purpose: EmailTokenPurpose, token: string): Promise<{ requestedAt: string } | undefined> {
    const row = await this.db
      .selectFrom('email_token')
      .select('requested_at')
      .where('purpose', '=', purpose)
      .where('did', '=', did)
      .where('token', '=', token.toUpperCase())
      .executeTakeFirst()
    return row && { requestedAt: row.requested_at }
  }
}

export class EmailTokenTransactor extends EmailTokenReader {
  /** Replaces the account's code of `purpose` (a newer request voids the older code). */
  async put(did: string, purpose: EmailTokenPurpose, token: string, requestedAt: string): Promise<void> {
    await this.db
      .insertInto('email_token')
      .values({ purpose, did, token, requested_at: requestedAt })
      .onConflict((oc) => oc.columns(['purpose', 'did']).doUpdateSet({ token, requested_at: requestedAt }))
      .execute()
  }

  /**
   * Uses up the account's code of `purpose` if it is `token`: true for the one
   * call that deleted it, so two calls racing with one code see one success.
   */
  async take(did: string, purpose: EmailTokenPurpose, token: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('email_token')
      .where('purpose', '=', purpose)
      .where('did', '=', did)
      .where('token', '=', token.toUpperCase())
      .executeTakeFirst()
    return Number(res.numDeletedRows) > 0
  }

  /** Voids the account's code of `purpose`, whatever it is. */
  async drop(did: string, purpose: EmailTokenPurpose): Promise<void> {
    await this.db.deleteFrom('email_token').where('purpose', '=', purpose).where('did', '=', did).execute()
  }

  /** Voids every code of the account (its email changed: they were mailed to the old one). */
  async deleteAll(did: string): Promise<void> {
    await this.db.deleteFrom('email_token').where('did', '=', did).execute()
  }
}

export class MailQueueReader {
  constructor(readonly db: TenantDb) {}

  /** Every mail of the queue, oldest first (tests, operators). */
  all(): Promise<QueuedMail[]> {
    return this.db.selectFrom('mail_queue').selectAll().orderBy('id').execute()
  }

  /** When the earliest mail not sent or given up may next be tried: its retry time, or its lease's end. */
  async earliestDue(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('mail_queue')
      .select(sql<string | null>`min(greatest(next_attempt_at, coalesce(leased_until, '')))`.as('due'))
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .executeTakeFirst()
    return row?.due ?? undefined
  }
}

export class MailQueueTransactor extends MailQueueReader {
  /** Queues a mail; inside the transaction of the code it carries, so neither is written without the other. */
  async enqueue(mail: NewMail, now: string): Promise<void> {
    await this.db
      .insertInto('mail_queue')
      .values({
        did: mail.did,
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html,
        next_attempt_at: now,
        created_at: now,
      })
      .execute()
  }

  /**
   * Leases up to `limit` mails due by `now` to `owner` until `until`: rows
   * not sent, not given up, and with no live lease at `now`. One UPDATE with
   * SKIP LOCKED: processes leasing at once get different rows.
   */
  async lease(owner: string, now: string, until: string, limit: number): Promise<QueuedMail[]> {
    const due = this.db
      .selectFrom('mail_queue')
      .select('id')
      .where('sent_at', 'is', null)
      .where('failed_at', 'is', null)
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', now)]))
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
    return this.db
      .updateTable('mail_queue')
      .set({ lease_owner: owner, leased_until: until, attempts: sql`attempts + 1` })
      .where('id', 'in', due)
      .returningAll()
      .execute()
  }

  /** Marks a mail sent (the mail server took it); it is never sent again. */
  async markSent(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('mail_queue')
      .set({ sent_at: at, lease_owner: null, leased_until: null, last_error: null })
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .execute()
  }

  /** Gives a failed try back: tried again at `nextAttemptAt`, or given up when that is null. */
  async markFailed(id: string, owner: string, error: string, nextAttemptAt: string | null, at: string): Promise<void> {
    await this.db
      .updateTable('mail_queue')
      .set({
        lease_owner: null,
        leased_until: null,
        last_error: error.slice(0, 1000),
        ...(nextAttemptAt === null ? { failed_at: at } : { next_attempt_at: nextAttemptAt }),
      })
      .where('id', '=', id)
      .where('lease_owner', '=', owner)
      .where('sent_at', 'is', null)
      .execute()
  }

  /** Deletes mail sent or given up before `before`: their bodies hold codes no one needs any more. */
  async prune(before: string): Promise<void> {
    await this.db
      .deleteFrom('mail_queue')
      .where((eb) => eb.or([eb('sent_at', '<', before), eb('failed_at', '<', before)]))
      .execute()
  }
}
