// An account's webhooks (is.gather.webhook.*): made with a checked URL and
// filter, listed with how their deliveries went, deleted, and resumed after
// repeated failures paused them. A webhook is sent only events sequenced after
// it was made (from_seq, the firehose head then); the dispatcher and the
// delivery job (webhook-dispatcher.ts, webhook-delivery.ts) do the sending.
import { randomBytes } from 'node:crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { WebhooksConfig } from '../../config/config.js'
import type { Filter, WebhookView } from '../../lexicon/generated/types/is/gather/webhook/defs.js'
import type { WebhookWithPending } from '../../storage/management/webhook-store.js'
import type { Storage } from '../../storage/storage.js'
import { checkWebhookUrl } from './webhook-address.js'
import { readFilter } from './webhook-filter.js'
import type { WebhookPublicKey, WebhookSigner } from './webhook-signer.js'

export type WebhookServiceDeps = {
  storage: Storage
  config: WebhooksConfig
  signer: WebhookSigner
  /** Told when a webhook's deliveries became due (a resume): the delivery job looks now, not at its next tick. */
  deliveriesDue?: () => void
}

function notFound(): InvalidRequestError {
  return new InvalidRequestError('No such webhook of yours', 'WebhookNotFound')
}

export class WebhookService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  /** The key every delivery is signed with. */
  get signingKey(): WebhookPublicKey {
    return this.deps.signer.publicKey
  }

  async create(did: string, input: { url: string; filter: Filter }): Promise<WebhookView> {
    const { storage, config } = this.deps
    const filter = readFilter(input.filter)
    const url = await checkWebhookUrl(input.url, config.allowPrivateNetwork)
    const id = randomBytes(16).toString('hex')
    const now = new Date().toISOString()
    await storage.managementTransactor.transact(async (tx) => {
      if (!(await tx.webhooks.lockOwner(did))) throw new InvalidRequestError('Account not found', 'AccountNotFound')
      if ((await tx.webhooks.countByDid(did)) >= config.maxPerAccount) {
        throw new InvalidRequestError(`At most ${config.maxPerAccount} webhooks per account`, 'TooManyWebhooks')
      }
      // The dispatcher starts where the first webhook did, if it never ran before.
      await tx.webhooks.initCursor((await tx.firehose.head()).seq, now)
      // The dispatcher matches a page of events against the webhooks it reads under this lock: a page it
      // matched without this webhook is in the firehose before the head read here, and every later event
      // is matched with it.
      await tx.webhooks.lockCursor('share')
      const head = (await tx.firehose.head()).seq
      await tx.webhooks.create({
        id,
        did,
        url: url.href,
        filter,
        status: 'active',
        from_seq: String(head),
        last_attempt_at: null,
        last_status: null,
        last_error: null,
        last_delivered_at: null,
        created_at: now,
      })
    })
    return this.view(did, id)
  }

  async list(did: string): Promise<WebhookView[]> {
    const rows = await this.deps.storage.managementReader.webhooks.listByDid(did)
    return rows.map(webhookView)
  }

  async delete(did: string, id: string): Promise<void> {
    assertWebhookId(id)
    if (!(await this.deps.storage.managementTransactor.webhooks.deleteOwned(did, id))) throw notFound()
  }

  async resume(did: string, id: string): Promise<WebhookView> {
    assertWebhookId(id)
    const resumed = await this.deps.storage.managementTransactor.transact(async (tx) => {
      // As at creation: under this lock, pages the dispatcher matched without it are before this head.
      await tx.webhooks.lockCursor('share')
      return tx.webhooks.resumeOwned(did, id, new Date().toISOString(), (await tx.firehose.head()).seq)
    })
    if (!resumed) throw notFound()
    this.deps.deliveriesDue?.()
    return this.view(did, id)
  }

  private async view(did: string, id: string): Promise<WebhookView> {
    const row = await this.deps.storage.managementReader.webhooks.getOwned(did, id)
    if (!row) throw notFound()
    return webhookView(row)
  }
}

/** Ids are ours (hex): anything else names no webhook, and must not reach SQL (a text column cannot hold U+0000). */
function assertWebhookId(id: string): void {
  if (!/^[0-9a-f]{1,64}$/.test(id)) throw notFound()
}

function webhookView(row: WebhookWithPending): WebhookView {
  const view: WebhookView = {
    id: row.id,
    url: row.url,
    filter: row.filter as Filter,
    status: row.status,
    createdAt: row.created_at,
    pending: row.pending,
    dropped: Number(row.dropped),
    consecutiveFailures: row.consecutive_failures,
  }
  if (row.last_attempt_at !== null) view.lastAttemptAt = row.last_attempt_at
  if (row.last_status !== null) view.lastStatus = row.last_status
  if (row.last_error !== null) view.lastError = row.last_error
  if (row.last_delivered_at !== null) view.lastDeliveredAt = row.last_delivered_at
  return view
}
