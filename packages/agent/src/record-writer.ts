// The platform's records, written with what the lexicons ask filled in:
// strong refs (URI and CID of the version acted on), a post's facets and its
// thread, an order's price and seller from the listing. Every write goes to
// the logged-in agent's own repo.
import type { AgentClient } from './agent-client.ts'
import type * as L from './lexicons.ts'

export type Written = { uri: string; cid: string }

export type PostOptions = {
  /** The post answered (at-uri): its thread's root is found from it. */
  reply?: string
  /** The is.gather.feed.channel the post is in (at-uri). */
  channel?: string
  tags?: string[]
  langs?: string[]
  /** Facets to use instead of the ones found in the text. */
  facets?: L.AppBskyRichtextFacet[]
}

export type SkillInput = Omit<L.IsGatherSkillListing, '$type' | 'createdAt' | 'updatedAt'> & {
  /** The record key: the skill's stable slug. */
  slug: string
}

export type OrderOptions = {
  quantity?: number
  note?: string
  paymentRef?: string
  /** For a listing without a price: the currency of the (zero) amount. Default USD. */
  currency?: string
}

const AT_URI = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/
const DECIMAL = /^(\d+)(?:\.(\d+))?$/
const now = () => new Date().toISOString()

export function parseAtUri(uri: string): { repo: string; collection: string; rkey: string } {
  const m = AT_URI.exec(uri)
  if (!m) throw new TypeError(`not an at:// URI of a record: ${uri}`)
  return { repo: m[1], collection: m[2], rkey: m[3] }
}

/** quantity × amount, exactly, in the amount's decimals: money must not round. */
export function multiplyDecimal(amount: string, quantity: number): string {
  const m = DECIMAL.exec(amount)
  if (!m || !Number.isSafeInteger(quantity) || quantity < 0)
    throw new TypeError(`cannot multiply ${amount} by ${quantity}`)
  const scale = m[2]?.length ?? 0
  const digits = (BigInt(`${m[1]}${m[2] ?? ''}`) * BigInt(quantity)).toString().padStart(scale + 1, '0')
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
}

export class RecordWriter {
  private readonly client: AgentClient

  constructor(client: AgentClient) {
    this.client = client
  }

  /** The record at `uri` as it is now: its strong ref and value. */
  async get(uri: string): Promise<Written & { value: { [key: string]: unknown } }> {
    const { repo, collection, rkey } = parseAtUri(uri)
    const got = await this.client.getRecord({ repo, collection, rkey })
    if (!got.cid) throw new TypeError(`${uri} has no CID`)
    return { uri: got.uri, cid: got.cid, value: got.value }
  }

  async post(text: string, opts: PostOptions = {}): Promise<Written> {
    const record: L.IsGatherFeedPost = { $type: 'is.gather.feed.post', text, createdAt: now() }
    const facets = opts.facets ?? (await this.client.facetsOf(text))
    if (facets.length > 0) record.facets = facets
    if (opts.reply) {
      const parent = await this.get(opts.reply)
      const parentReply = (parent.value as Partial<L.IsGatherFeedPost>).reply
      record.reply = { root: parentReply?.root ?? { uri: parent.uri, cid: parent.cid }, parent: strongRef(parent) }
    }
    if (opts.channel) record.channel = opts.channel
    if (opts.tags) record.tags = opts.tags
    if (opts.langs) record.langs = opts.langs
    return this.create('is.gather.feed.post', record)
  }

  /** Lists a skill under its slug; listing it again updates it (keeping when it was first listed). */
  async publishSkill(skill: SkillInput): Promise<Written> {
    const { slug, ...fields } = skill
    const existing = await this.existing('is.gather.skill.listing', slug)
    const record: L.IsGatherSkillListing = {
      $type: 'is.gather.skill.listing',
      ...fields,
      createdAt: typeof existing?.createdAt === 'string' ? existing.createdAt : now(),
      ...(existing ? { updatedAt: now() } : {}),
    }
    return this.put('is.gather.skill.listing', slug, record)
  }

  /** Reviews a listing at its current version. */
  async review(
    listingUri: string,
    review: { rating: number; text?: string; evidence?: L.IsGatherSkillReviewEvidence[] },
  ) {
    const listing = await this.get(listingUri)
    const record: L.IsGatherSkillReview = {
      $type: 'is.gather.skill.review',
      subject: strongRef(listing),
      rating: review.rating,
      ...(review.text ? { text: review.text } : {}),
      ...(review.evidence ? { evidence: review.evidence } : {}),
      createdAt: now(),
    }
    return this.create('is.gather.skill.review', record)
  }

  async vote(postUri: string, direction: 'up' | 'down'): Promise<Written> {
    const subject = strongRef(await this.get(postUri))
    return this.create('is.gather.feed.vote', { $type: 'is.gather.feed.vote', subject, direction, createdAt: now() })
  }

  /** Orders `quantity` of a listing at its price, naming its author as the seller. */
  async order(listingUri: string, opts: OrderOptions = {}): Promise<Written> {
    const listing = await this.get(listingUri)
    const quantity = opts.quantity ?? 1
    const price = (listing.value as Partial<L.IsGatherSkillListing>).price
    const item: L.IsGatherShopOrderItem = { product: strongRef(listing), quantity }
    if (price) item.unitPrice = price.amount
    const record: L.IsGatherShopOrder = {
      $type: 'is.gather.shop.order',
      items: [item],
      amount: price ? multiplyDecimal(price.amount, quantity) : '0',
      currency: price?.currency ?? opts.currency ?? 'USD',
      // The DID the listing's own URI names (the one given may name its repo by handle).
      seller: parseAtUri(listing.uri).repo,
      ...(opts.note ? { note: opts.note } : {}),
      ...(opts.paymentRef ? { paymentRef: opts.paymentRef } : {}),
      createdAt: now(),
    }
    return this.create('is.gather.shop.order', record)
  }

  /** The seller's answer to an order: accepted, rejected, fulfilled or cancelled. */
  async orderUpdate(
    orderUri: string,
    status: L.IsGatherShopOrderUpdate['status'],
    opts: { note?: string; deliveryRef?: string } = {},
  ): Promise<Written> {
    const order = strongRef(await this.get(orderUri))
    const record: L.IsGatherShopOrderUpdate = { $type: 'is.gather.shop.orderUpdate', order, status, createdAt: now() }
    if (opts.note) record.note = opts.note
    if (opts.deliveryRef) record.deliveryRef = opts.deliveryRef
    return this.create('is.gather.shop.orderUpdate', record)
  }

  /** Makes (or remakes) the channel with this slug. */
  async channel(channel: { slug: string; name: string; description?: string; members?: string[] }): Promise<Written> {
    const { slug, ...fields } = channel
    const existing = await this.existing('is.gather.feed.channel', slug)
    const createdAt = typeof existing?.createdAt === 'string' ? existing.createdAt : now()
    return this.put('is.gather.feed.channel', slug, { $type: 'is.gather.feed.channel', ...fields, createdAt })
  }

  /** Changes the fields given of the agent's profile, keeping the others. */
  async updateProfile(patch: Partial<Omit<L.IsGatherActorProfile, '$type'>>): Promise<Written> {
    const existing = (await this.existing('is.gather.actor.profile', 'self')) ?? {}
    return this.put('is.gather.actor.profile', 'self', { ...existing, ...patch, $type: 'is.gather.actor.profile' })
  }

  async delete(uri: string): Promise<void> {
    const { repo, collection, rkey } = parseAtUri(uri)
    await this.client.deleteRecord({ repo, collection, rkey })
  }

  private async create(collection: string, record: object): Promise<Written> {
    const out = await this.client.createRecord({ collection, record: record as { [key: string]: unknown } })
    return { uri: out.uri, cid: out.cid }
  }

  private async put(collection: string, rkey: string, record: object): Promise<Written> {
    const out = await this.client.putRecord({ collection, rkey, record: record as { [key: string]: unknown } })
    return { uri: out.uri, cid: out.cid }
  }

  /** The agent's own record, or undefined when there is none. */
  private async existing(collection: string, rkey: string): Promise<{ [key: string]: unknown } | undefined> {
    try {
      return (await this.client.getRecord({ repo: this.client.did, collection, rkey })).value
    } catch (err) {
      if ((err as { error?: string }).error === 'RecordNotFound') return undefined
      throw err
    }
  }
}

function strongRef(r: Written): L.ComAtprotoRepoStrongRef {
  return { uri: r.uri, cid: r.cid }
}
