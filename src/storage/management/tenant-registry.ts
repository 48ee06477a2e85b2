// The management database's view of the service: which domains exist, and
// which domain (and so which tenant database) every DID and handle lives in.
// All SQL on `domain` and `did_routing` is here. A `did_routing` row is an
// account's home: its DID, handle, email and the domain it lives in.
import { unstorableText } from '../pg-text.js'
import type { DidRoutingTable, DomainStatus, DomainTable, EmailTokenPurpose } from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type Domain = DomainTable
export type DidHome = DidRoutingTable

/** An account's home with the name of its tenant's database: where its rows are. */
export type LocatedAccount = DidHome & { db_name: string }

/** A home being reserved: on the service host unless `pds_host` says otherwise. */
export type NewHome = Omit<DidHome, 'pending' | 'created_at' | 'pds_host_announce' | 'pds_host'> & {
  pds_host?: string | null
}

export const PG_UNIQUE_VIOLATION = '23505'

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === PG_UNIQUE_VIOLATION
}

const now = () => new Date().toISOString()

export class TenantRegistry {
  constructor(private readonly db: ManagementDb) {}

  listDomains(): Promise<Domain[]> {
    return this.db.selectFrom('domain').selectAll().orderBy('name').execute()
  }

  async getDomain(name: string): Promise<Domain | undefined> {
    if (unstorableText(name)) return undefined
    return this.db.selectFrom('domain').selectAll().where('name', '=', name).executeTakeFirst()
  }

  /** The domain, whatever its status, that `hostname` is or is under (the longest such: a.b.example.com in b.example.com before example.com), if any. */
  async domainContaining(hostname: string): Promise<Domain | undefined> {
    const labels = hostname.toLowerCase().split('.')
    const names = labels.map((_, i) => labels.slice(i).join('.'))
    const storable = names.filter((n) => !unstorableText(n))
    if (storable.length === 0) return undefined
    return this.db
      .selectFrom('domain')
      .selectAll()
      .where('name', 'in', storable)
      .orderBy((eb) => eb.fn('length', ['name']), 'desc')
      .executeTakeFirst()
  }

  /** Whether `hostname` is a domain's name or a domain's own PDS host, whatever the domain's status. */
  async hostnameOfOurs(hostname: string): Promise<boolean> {
    if (unstorableText(hostname)) return false
    const row = await this.db
      .selectFrom('domain')
      .select('name')
      .where((eb) => eb.or([eb('name', '=', hostname), eb('pds_hostname', '=', hostname)]))
      .executeTakeFirst()
    return !!row
  }

  async activeDomain(name: string): Promise<Domain | undefined> {
    const d = await this.getDomain(name)
    return d?.status === 'active' ? d : undefined
  }

  getDomainByDbName(dbName: string): Promise<Domain | undefined> {
    return this.db.selectFrom('domain').selectAll().where('db_name', '=', dbName).executeTakeFirst()
  }

  /** Inserts a domain in state `creating`; throws a unique violation if its name or database name is taken. */
  async insertCreatingDomain(name: string, dbName: string): Promise<void> {
    const t = now()
    await this.db
      .insertInto('domain')
      .values({ name, db_name: dbName, status: 'creating', created_at: t, updated_at: t })
      .execute()
  }

  async setDomainStatus(name: string, status: DomainStatus): Promise<void> {
    await this.db.updateTable('domain').set({ status, updated_at: now() }).where('name', '=', name).execute()
  }

  /** Sets a domain's agent settings; undefined leaves a field as it is, null returns it to the default. */
  async updateAgentSettings(
    name: string,
    settings: { agent_registration?: boolean | null; pow_difficulty?: number | null },
  ): Promise<void> {
    const set = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined))
    await this.db
      .updateTable('domain')
      .set({ ...set, updated_at: now() })
      .where('name', '=', name)
      .execute()
  }

  /** Sets the sender of a domain's mail; null returns it to the config's email.from. */
  async setEmailFrom(name: string, emailFrom: string | null): Promise<void> {
    await this.db
      .updateTable('domain')
      .set({ email_from: emailFrom, updated_at: now() })
      .where('name', '=', name)
      .execute()
  }

  /** Sets whether sign-up on the domain needs an invite code; null returns it to the config's default. */
  async setInviteRequired(name: string, required: boolean | null): Promise<void> {
    await this.db
      .updateTable('domain')
      .set({ invite_required: required, updated_at: now() })
      .where('name', '=', name)
      .execute()
  }

  /**
   * Notes that the domain's queue is about to hold mail (before the tenant
   * transaction that queues it); always the latest such time, so a clear
   * never forgets a mail queued since its queue was found empty.
   */
  async markMailPending(name: string): Promise<void> {
    await this.db.updateTable('domain').set({ mail_pending_since: now() }).where('name', '=', name).execute()
  }

  /** Active domains whose queue may hold mail (what the mail job sweeps: not every tenant). */
  domainsWithMail(): Promise<Domain[]> {
    return this.db
      .selectFrom('domain')
      .selectAll()
      .where('status', '=', 'active')
      .where('mail_pending_since', 'is not', null)
      .execute()
  }

  /**
   * Forgets that the domain's queue may hold mail, when it was noted before
   * `before`: a note made since may be for a mail whose transaction has not
   * committed yet, and stays.
   */
  async clearMailPending(dbName: string, before: Date): Promise<void> {
    await this.db
      .updateTable('domain')
      .set({ mail_pending_since: null })
      .where('db_name', '=', dbName)
      .where('mail_pending_since', '<', before.toISOString())
      .execute()
  }

  /**
   * Notes that the code `token` of `purpose` was mailed to `did`, in place of
   * any it had before; throws a unique violation when another account's code
   * is the same (the caller draws another).
   */
  async putTokenHome(purpose: EmailTokenPurpose, token: string, did: string): Promise<void> {
    const put = async (trx: ManagementDb) => {
      await trx.deleteFrom('email_token_home').where('did', '=', did).where('purpose', '=', purpose).execute()
      await trx.insertInto('email_token_home').values({ purpose, token, did, created_at: now() }).execute()
    }
    if (this.db.isTransaction) await put(this.db)
    else await this.db.transaction().execute(put)
  }

  /** The account a code of `purpose` was mailed to, if any still says so. */
  async findTokenHome(purpose: EmailTokenPurpose, token: string): Promise<string | undefined> {
    if (unstorableText(token)) return undefined
    const row = await this.db
      .selectFrom('email_token_home')
      .select('did')
      .where('purpose', '=', purpose)
      .where('token', '=', token.toUpperCase())
      .executeTakeFirst()
    return row?.did
  }

  /** Forgets the account's codes of `purpose` (used, or the account is gone); every purpose when none is named. */
  async deleteTokenHomes(did: string, purpose?: EmailTokenPurpose): Promise<void> {
    let q = this.db.deleteFrom('email_token_home').where('did', '=', did)
    if (purpose) q = q.where('purpose', '=', purpose)
    await q.execute()
  }

  /** Forgets codes noted before `before` (expired: the tenant's code is no good either). */
  async pruneTokenHomes(before: Date): Promise<void> {
    await this.db.deleteFrom('email_token_home').where('created_at', '<', before.toISOString()).execute()
  }

  /** Removes the domain row and every home into it. */
  async deleteDomain(name: string): Promise<void> {
    const remove = async (trx: ManagementDb) => {
      await trx.deleteFrom('did_routing').where('domain', '=', name).execute()
      await trx.deleteFrom('domain').where('name', '=', name).execute()
    }
    // Inside a management transaction already (ManagementTransactor.transact): that one holds both deletes.
    if (this.db.isTransaction) await remove(this.db)
    else await this.db.transaction().execute(remove)
  }

  /** Reserves a DID, handle and email for an account being created (pending until confirmed). */
  async reserveHome(home: NewHome): Promise<void> {
    await this.db
      .insertInto('did_routing')
      .values({ ...home, pds_host: home.pds_host ?? null, pds_host_announce: false, pending: true, created_at: now() })
      .execute()
  }

  /** Moves a home to a new handle; throws a unique violation if another account has it. */
  /**
   * Gives the home of `did` the handle `handle`, only while it is still in
   * `was.domain` (and, when given, under `was.handle`); false when it is not
   * (the account moved to another domain meanwhile). Throws a unique
   * violation if another account has the handle.
   */
  async setHomeHandle(did: string, handle: string, was: { domain: string; handle?: string }): Promise<boolean> {
    let q = this.db.updateTable('did_routing').set({ handle }).where('did', '=', did).where('domain', '=', was.domain)
    if (was.handle !== undefined) q = q.where('handle', '=', was.handle)
    const res = await q.executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /**
   * Moves a home from domain `from` to `to` under a new handle (an account
   * moving between tenants); false when it is not in `from`; throws a unique
   * violation if another account has the handle.
   */
  async moveHome(did: string, from: string, to: string, handle: string): Promise<boolean> {
    const res = await this.db
      .updateTable('did_routing')
      .set({ domain: to, handle })
      .where('did', '=', did)
      .where('domain', '=', from)
      .where('pending', '=', false)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** Sets the email a home is found by (unique service-wide: a taken one is a unique violation). */
  async setHomeEmail(did: string, email: string | null): Promise<void> {
    await this.db.updateTable('did_routing').set({ email }).where('did', '=', did).execute()
  }

  /** Confirms a reservation; false if it is gone (cleared as stale while its create ran). */
  async confirmHome(did: string): Promise<boolean> {
    const res = await this.db
      .updateTable('did_routing')
      .set({ pending: false })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** The homes, pending or not, that hold `handle` or `email`: what a reservation ran into. */
  homesHolding(handle: string, email: string | null): Promise<DidHome[]> {
    return this.db
      .selectFrom('did_routing')
      .selectAll()
      .where((eb) =>
        email === null ? eb('handle', '=', handle) : eb.or([eb('handle', '=', handle), eb('email', '=', email)]),
      )
      .execute()
  }

  /**
   * Deletes a pending reservation if it is still the one that was judged
   * stale (same DID, still pending, same time): of several processes
   * clearing it at once, one does. True if this call deleted it.
   */
  async clearPendingHome(home: DidHome): Promise<boolean> {
    const res = await this.db
      .deleteFrom('did_routing')
      .where('did', '=', home.did)
      .where('pending', '=', true)
      .where('created_at', '=', home.created_at)
      .executeTakeFirst()
    return Number(res.numDeletedRows) > 0
  }

  async deleteHome(did: string): Promise<void> {
    await this.db.deleteFrom('did_routing').where('did', '=', did).execute()
  }

  async pendingHomes(olderThan: Date): Promise<DidHome[]> {
    return this.db
      .selectFrom('did_routing')
      .selectAll()
      .where('pending', '=', true)
      .where('created_at', '<', olderThan.toISOString())
      .execute()
  }

  /** The home of a confirmed account in an active domain, by DID, handle or email. */
  async findHome(by: 'did' | 'handle' | 'email', value: string): Promise<(DidHome & { db_name: string }) | undefined> {
    if (unstorableText(value)) return undefined
    return this.db
      .selectFrom('did_routing')
      .innerJoin('domain', 'domain.name', 'did_routing.domain')
      .selectAll('did_routing')
      .select('domain.db_name')
      .where(`did_routing.${by}`, '=', value)
      .where('did_routing.pending', '=', false)
      .where('domain.status', '=', 'active')
      .executeTakeFirst()
  }

  /** The homes of those of `dids` that are confirmed accounts of active domains (one query for a page of DIDs). */
  async findHomes(dids: readonly string[]): Promise<(DidHome & { db_name: string })[]> {
    const wanted = dids.filter((d) => !unstorableText(d))
    if (wanted.length === 0) return []
    return this.db
      .selectFrom('did_routing')
      .innerJoin('domain', 'domain.name', 'did_routing.domain')
      .selectAll('did_routing')
      .select('domain.db_name')
      .where('did_routing.did', 'in', wanted)
      .where('did_routing.pending', '=', false)
      .where('domain.status', '=', 'active')
      .execute()
  }

  /**
   * Confirmed accounts of active domains in DID order, after `afterDid`: the
   * pages of sync.listRepos; with `host` (null: the service host), only the
   * accounts on that PDS host.
   */
  homesPage(limit: number, afterDid?: string, host?: string | null): Promise<(DidHome & { db_name: string })[]> {
    let q = this.db
      .selectFrom('did_routing')
      .innerJoin('domain', 'domain.name', 'did_routing.domain')
      .selectAll('did_routing')
      .select('domain.db_name')
      .where('did_routing.pending', '=', false)
      .where('domain.status', '=', 'active')
      .orderBy('did_routing.did')
      .limit(limit)
    if (afterDid !== undefined) q = q.where('did_routing.did', '>', afterDid)
    if (host !== undefined) q = q.where('did_routing.pds_host', host === null ? 'is' : '=', host)
    return q.execute()
  }

  async handleTaken(handle: string): Promise<boolean> {
    const row = await this.db.selectFrom('did_routing').select('did').where('handle', '=', handle).executeTakeFirst()
    return !!row
  }

  /** Gives a domain its own PDS host (null: the service host); a unique violation when another domain has it. */
  async setPdsHostname(name: string, host: string | null): Promise<void> {
    await this.db
      .updateTable('domain')
      .set({ pds_hostname: host, updated_at: now() })
      .where('name', '=', name)
      .execute()
  }

  /** The most events per second a domain's host's firehose sends a subscriber (null: the config's default). */
  async setFirehosePace(name: string, eventsPerSecond: number | null): Promise<void> {
    await this.db
      .updateTable('domain')
      .set({ firehose_events_per_second: eventsPerSecond, updated_at: now() })
      .where('name', '=', name)
      .execute()
  }

  /**
   * Confirmed accounts of `domain` not yet on `host` (null: the service
   * host), or on it with the relays not told yet: what a change of the
   * domain's host still has to move. did:plc only: a did:web's document is
   * its owner's to change.
   */
  homesOffHost(domain: string, host: string | null, limit: number): Promise<DidHome[]> {
    return this.offHost(domain, host).selectAll().orderBy('did').limit(limit).execute()
  }

  /** The active domains with accounts homesOffHost would name (one query, whatever the number of domains). */
  async domainsOffHost(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('did_routing')
      .innerJoin('domain', 'domain.name', 'did_routing.domain')
      .select('did_routing.domain')
      .distinct()
      .where('domain.status', '=', 'active')
      .where('did_routing.pending', '=', false)
      .where('did_routing.did', 'like', 'did:plc:%')
      .where((eb) =>
        eb.or([
          eb('did_routing.pds_host', 'is distinct from', eb.ref('domain.pds_hostname')),
          eb('did_routing.pds_host_announce', '=', true),
        ]),
      )
      .execute()
    return rows.map((r) => r.domain)
  }

  /** How many confirmed accounts of `domain` are not yet on `host` or not yet announced there. */
  async countOffHost(domain: string, host: string | null): Promise<number> {
    const row = await this.offHost(domain, host)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** The confirmed did:plc homes of `domain` not on `host`, or on it and not announced: what homesOffHost reads. */
  private offHost(domain: string, host: string | null) {
    return this.db
      .selectFrom('did_routing')
      .where('domain', '=', domain)
      .where('pending', '=', false)
      .where('did', 'like', 'did:plc:%')
      .where((eb) =>
        eb.or([
          host === null ? eb('pds_host', 'is not', null) : eb('pds_host', 'is distinct from', host),
          eb('pds_host_announce', '=', true),
        ]),
      )
  }

  /**
   * Puts the account on `host` (its events go to that host's stream from the
   * next one sequenced) and marks it to be announced there, while it is still
   * in `domain`; false when it is not.
   */
  async setHomeHost(did: string, domain: string, host: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('did_routing')
      .set({ pds_host: host, pds_host_announce: true })
      .where('did', '=', did)
      .where('domain', '=', domain)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** The account's change of host has been announced (while it is still on `host`). */
  async hostAnnounced(did: string, host: string | null): Promise<void> {
    await this.db
      .updateTable('did_routing')
      .set({ pds_host_announce: false })
      .where('did', '=', did)
      .where('pds_host', host === null ? 'is' : '=', host)
      .execute()
  }

  /** Every PDS host a domain names or an account is on (the service host not included). */
  async hostsInUse(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('domain')
      .select('pds_hostname as host')
      .where('pds_hostname', 'is not', null)
      .union((eb) =>
        eb.selectFrom('did_routing').select('pds_host as host').where('pds_host', 'is not', null).distinct(),
      )
      .execute()
    return rows.map((r) => r.host as string)
  }

  /** Confirmed accounts of active domains per PDS host (null: the service host). */
  async countHomesByHost(): Promise<{ host: string | null; accounts: number }[]> {
    const rows = await this.db
      .selectFrom('did_routing')
      .innerJoin('domain', 'domain.name', 'did_routing.domain')
      .select(['did_routing.pds_host as host', (eb) => eb.fn.countAll<string>().as('n')])
      .where('did_routing.pending', '=', false)
      .where('domain.status', '=', 'active')
      .groupBy('did_routing.pds_host')
      .execute()
    return rows.map((r) => ({ host: r.host, accounts: Number(r.n) }))
  }
}
