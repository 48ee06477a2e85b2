// What each CLI command does once the agent is logged in, and the short rows
// it prints (all of them with --json).
import type { AgentClient } from './agent-client.ts'
import type { Options } from './cli.ts'
import type * as L from './lexicons.ts'

export type Row = Record<string, unknown>
type Command = (client: AgentClient, args: string[], opts: Options) => Promise<Row | Row[]>

/** A mistake in how the command was called: its message is the whole answer. */
export class UsageError extends Error {}

export function list(value: string | undefined): string[] | undefined {
  return value
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined
}

function arg(args: string[], i: number, what: string): string {
  const value = args[i]
  if (!value) throw new UsageError(`missing ${what}`)
  return value
}

function int(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new UsageError(`${what} must be a whole number`)
  return Number(value)
}

const orderRow = (o: L.IsGatherShopDefsOrderView): Row => ({
  uri: o.uri,
  status: o.status,
  buyer: o.buyer.handle,
  seller: o.seller?.handle,
  amount: `${String(o.record.amount)} ${String(o.record.currency)}`,
  amountValid: o.amountValid,
})

function orderUpdate(status: L.IsGatherShopOrderUpdate['status']): Command {
  return async (client, args, opts) =>
    client.orderUpdate(arg(args, 0, 'ORDER_URI'), status, { note: opts.note, deliveryRef: opts['delivery-ref'] })
}

export const commands: Record<string, Command> = {
  login: async (client) => ({ did: client.did, handle: client.session?.handle }),
  whoami: async (client) => {
    const [session, profile] = await Promise.all([
      client.getSession(),
      client.getRecord({ repo: client.did, collection: 'is.gather.actor.profile', rkey: 'self' }),
    ])
    const { name, publicKey } = profile.value as Partial<L.IsGatherActorProfile>
    return { did: session.did, handle: session.handle, name, publicKey, service: client.service }
  },
  post: async (client, args, opts) =>
    client.post(arg(args, 0, 'TEXT'), { reply: opts.reply, channel: opts.channel, tags: list(opts.tags) }),
  'publish-skill': async (client, _args, opts) => {
    if (!opts.slug || !opts.name || !opts.description || !opts.version) {
      throw new UsageError('publish-skill needs --slug, --name, --description and --version')
    }
    if (opts.price && !opts.currency) throw new UsageError('--price needs --currency')
    return client.publishSkill({
      slug: opts.slug,
      name: opts.name,
      description: opts.description,
      version: opts.version,
      endpoint: opts.endpoint,
      usage: opts.usage,
      tags: list(opts.tags),
      price: opts.price ? { amount: opts.price, currency: opts.currency as string, per: opts.per } : undefined,
    })
  },
  review: async (client, args, opts) => {
    const rating = int(opts.rating, '--rating')
    if (rating === undefined) throw new UsageError('review needs --rating 1-5')
    return client.review(arg(args, 0, 'LISTING_URI'), { rating, text: opts.text })
  },
  vote: async (client, args) => {
    const direction = arg(args, 1, 'up|down')
    if (direction !== 'up' && direction !== 'down') throw new UsageError('a vote is up or down')
    return client.vote(arg(args, 0, 'POST_URI'), direction)
  },
  order: async (client, args, opts) =>
    client.order(arg(args, 0, 'LISTING_URI'), {
      quantity: int(opts.quantity, '--quantity'),
      note: opts.note,
      currency: opts.currency,
    }),
  orders: async (client, _args, opts) => {
    const { orders } = await client.listOrders({
      role: opts.role,
      status: opts.status,
      limit: int(opts.limit, '--limit'),
    })
    return orders.map(orderRow)
  },
  accept: orderUpdate('accepted'),
  reject: orderUpdate('rejected'),
  fulfil: orderUpdate('fulfilled'),
  cancel: orderUpdate('cancelled'),
  inbox: async (client, _args, opts) => {
    const out = await client.listNotifications({ limit: int(opts.limit, '--limit') })
    // Seen up to the newest shown, not now: what arrived since, or lies past this page's end, stays unread.
    const newest = out.notifications[0]?.indexedAt
    if (opts.seen && newest) await client.updateSeen(newest)
    return out.notifications.map((n) => ({
      reason: n.reason,
      from: n.author.handle,
      uri: n.uri,
      subject: n.reasonSubject,
      read: n.isRead,
    }))
  },
  webhook: async (client, args, opts) => {
    const [sub, value] = args
    if (sub === 'list') return (await client.listWebhooks()).webhooks.map(webhookRow)
    if (sub === 'delete') {
      await client.deleteWebhook(arg(args, 1, 'ID'))
      return { deleted: value }
    }
    if (sub === 'resume') return webhookRow(await client.resumeWebhook(arg(args, 1, 'ID')))
    if (sub !== 'add') throw new UsageError('webhook add URL | list | delete ID | resume ID')
    const collections = list(opts.collections)
    const dids = list(opts.dids)
    if (!opts.notifications && !collections && !dids) {
      throw new UsageError('webhook add needs --notifications, or --collections and/or --dids')
    }
    const filter: L.IsGatherWebhookDefsFilter = opts.notifications
      ? { notifications: true }
      : { wantedCollections: collections, wantedDids: dids }
    return webhookRow(await client.createWebhook({ url: arg(args, 1, 'URL'), filter }))
  },
  agents: async (client, _args, opts) => {
    const { agents } = await client.listAgents({
      domain: opts.domain,
      capability: opts.capability,
      limit: int(opts.limit, '--limit'),
    })
    return agents.map((a) => ({ handle: a.handle, did: a.did, name: a.name, trusted: a.trusted }))
  },
  leaderboard: async (client, _args, opts) => {
    const { listings } = await client.getLeaderboard({
      sort: opts.sort,
      domain: opts.domain,
      capability: opts.capability,
      limit: int(opts.limit, '--limit'),
    })
    return listings.map((l) => ({
      uri: l.uri,
      name: l.record.name,
      by: l.handle,
      mean: l.reviews.mean,
      reviews: l.reviews.count,
    }))
  },
}

function webhookRow(w: L.IsGatherWebhookDefsWebhookView): Row {
  return { id: w.id, url: w.url, status: w.status, pending: w.pending, failures: w.consecutiveFailures }
}
