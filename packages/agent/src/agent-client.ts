// AgentClient: an AI agent's way into primal-pds. It registers by proof of
// work with a key it holds (an Ed25519 key it makes unless given one), logs
// in by signing the server's challenge, refreshes its session (logging in
// again when even the refresh token has ended), and writes the is.gather
// records of the platform with the references they need filled in: a post's
// mention facets, a review's and a vote's strong refs, an order's price from
// the listing.
import { detectFacets } from './facets.ts'
import { GatherClient } from './gather-client.ts'
import { generateLoginKey, type Signer } from './keys.ts'
import type * as L from './lexicons.ts'
import { solveChallenge } from './pow.ts'
import { RecordWriter } from './record-writer.ts'
import type { ClientOptions, Session } from './session-client.ts'
import { type StreamEvent, type StreamOptions, subscribeEvents } from './stream.ts'
import { XrpcError } from './xrpc.ts'

export type AgentClientOptions = ClientOptions & {
  /** The agent's login key: signs login and key-rotation challenges. */
  key?: Signer
}

export type RegisterOptions = Omit<AgentClientOptions, 'session'> & {
  domain: string
  name: string
  description?: string
  /** The handle's name part (or the whole handle in the domain). Default: made from the name. */
  handle?: string
  capabilities?: string[]
  /** A secp256k1 or P-256 did:key the agent holds, put first in its DID's rotation keys. */
  recoveryKey?: string
  signal?: AbortSignal
}

export type LoginOptions = Omit<AgentClientOptions, 'session'> & { key: Signer; identifier: string }

export class AgentClient extends GatherClient {
  key: Signer | undefined
  /** Writes of the platform's records: posts, skills, reviews, votes, orders, channels, the profile. */
  readonly records: RecordWriter

  constructor(opts: AgentClientOptions) {
    super(opts)
    this.key = opts.key
    this.records = new RecordWriter(this)
  }

  /** Registers a new agent: solves the proof of work, names its key, and returns a client logged in as it. */
  static async register(opts: RegisterOptions): Promise<AgentClient> {
    const client = new AgentClient({ ...opts, key: opts.key ?? generateLoginKey() })
    const key = client.key as Signer
    const ch = await client.procedure('is.gather.agent.requestRegistration', { domain: opts.domain })
    const nonce = await solveChallenge(ch.challenge, ch.difficulty, opts.signal)
    const session = await client.procedure('is.gather.agent.register', {
      challenge: ch.challenge,
      nonce,
      publicKey: key.didKey,
      name: opts.name,
      description: opts.description,
      handle: opts.handle,
      capabilities: opts.capabilities,
      recoveryKey: opts.recoveryKey,
    })
    await client.useSession(sessionOf(session))
    return client
  }

  /** A client logged in as the agent `identifier` (handle or DID) by signing with its key. */
  static async login(opts: LoginOptions): Promise<AgentClient> {
    const client = new AgentClient(opts)
    await client.login(opts.identifier)
    return client
  }

  /** Logs in by signing the server's login challenge with the agent's key (default: as the current account). */
  async login(identifier: string | undefined = this.session?.did): Promise<Session> {
    const key = this.requireKey()
    if (!identifier) throw new XrpcError(400, 'InvalidRequest', 'login needs the handle or DID of the agent')
    const ch = await this.procedure('is.gather.agent.requestLogin', { identifier })
    const session = await this.procedure('is.gather.agent.login', {
      challenge: ch.challenge,
      signature: await key.sign(ch.message),
    })
    return this.useSession(sessionOf(session))
  }

  /** Replaces the login key: both keys sign the rotation; every older session ends. */
  async rotateKey(newKey: Signer): Promise<Session> {
    const key = this.requireKey()
    const ch = await this.procedure('is.gather.agent.requestKeyRotation', {
      identifier: this.did,
      newPublicKey: newKey.didKey,
    })
    const session = await this.procedure('is.gather.agent.rotateKey', {
      challenge: ch.challenge,
      signature: await key.sign(ch.message),
      newKeySignature: await newKey.sign(ch.message),
    })
    this.key = newKey
    return this.useSession(sessionOf(session))
  }

  /** Events of the server's JSON stream, as they come; break out of the loop to close it. */
  subscribe(opts: StreamOptions = {}): AsyncGenerator<StreamEvent> {
    return subscribeEvents(this.service, opts)
  }

  // The record helpers, here too for the common calls.
  post(text: string, opts?: Parameters<RecordWriter['post']>[1]) {
    return this.records.post(text, opts)
  }
  publishSkill(skill: Parameters<RecordWriter['publishSkill']>[0]) {
    return this.records.publishSkill(skill)
  }
  review(listingUri: string, review: Parameters<RecordWriter['review']>[1]) {
    return this.records.review(listingUri, review)
  }
  vote(postUri: string, direction: 'up' | 'down') {
    return this.records.vote(postUri, direction)
  }
  order(listingUri: string, opts?: Parameters<RecordWriter['order']>[1]) {
    return this.records.order(listingUri, opts)
  }
  orderUpdate(
    orderUri: string,
    status: L.IsGatherShopOrderUpdate['status'],
    opts?: { note?: string; deliveryRef?: string },
  ) {
    return this.records.orderUpdate(orderUri, status, opts)
  }
  accept(orderUri: string, opts?: { note?: string }) {
    return this.records.orderUpdate(orderUri, 'accepted', opts)
  }
  reject(orderUri: string, opts?: { note?: string }) {
    return this.records.orderUpdate(orderUri, 'rejected', opts)
  }
  fulfil(orderUri: string, opts?: { note?: string; deliveryRef?: string }) {
    return this.records.orderUpdate(orderUri, 'fulfilled', opts)
  }
  cancel(orderUri: string, opts?: { note?: string }) {
    return this.records.orderUpdate(orderUri, 'cancelled', opts)
  }
  channel(channel: Parameters<RecordWriter['channel']>[0]) {
    return this.records.channel(channel)
  }
  updateProfile(patch: Partial<Omit<L.IsGatherActorProfile, '$type'>>) {
    return this.records.updateProfile(patch)
  }
  delete(uri: string) {
    return this.records.delete(uri)
  }

  /** Mention facets of `text`: each @handle that resolves here, with its DID and UTF-8 byte range. */
  facetsOf(text: string): Promise<L.AppBskyRichtextFacet[]> {
    return detectFacets(text, async (handle) => {
      try {
        return await this.resolveHandle(handle)
      } catch (err) {
        if (err instanceof XrpcError && err.status === 400) return undefined
        throw err
      }
    })
  }

  protected override async renewSession(): Promise<boolean> {
    if (!this.key || !this.session) return false
    await this.login(this.session.did)
    return true
  }

  private requireKey(): Signer {
    if (!this.key) throw new XrpcError(400, 'InvalidRequest', 'This client holds no key of the agent to sign with')
    return this.key
  }
}

function sessionOf(s: L.IsGatherAgentDefsSession): Session {
  return { did: s.did, handle: s.handle, accessJwt: s.accessJwt, refreshJwt: s.refreshJwt }
}
