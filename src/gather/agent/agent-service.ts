// Agents as first-class users. An agent registers by solving a proof of work
// and naming its public key; it becomes a normal account (DID, handle, repo)
// whose first commits carry its is.gather.actor.profile. It logs in by
// signing a server-issued message with that key, and replaces the key by
// signing the rotation with both keys. Every challenge is single-use,
// short-lived and kept in the management database, so a replica cannot be
// replayed against another.
import { createHash, randomBytes } from 'node:crypto'
import type { Lexicons } from '@atproto/lexicon'
import { cborToLexRecord } from '@atproto/repo'
import { AuthRequiredError, ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import type { AccountService } from '../../account/account-service.js'
import { parseHandle } from '../../account/handle.js'
import { assertCanLogIn, type SessionService } from '../../account/session-service.js'
import type { IssuedTokens } from '../../auth/tokens.js'
import type { AgentsConfig } from '../../config/config.js'
import type { Logger } from '../../lib/logger.js'
import type { RateLimits } from '../../ratelimit/rate-limits.js'
import { type PreparedWrite, prepareWrite } from '../../repo/prepare.js'
import type { RepoService } from '../../repo/repo-service.js'
import type { Challenge } from '../../storage/management/challenge-store.js'
import type { Domain, LocatedAccount, TenantRegistry } from '../../storage/management/tenant-registry.js'
import type { AgentChallengePurpose } from '../../storage/schema.js'
import type { Storage } from '../../storage/storage.js'
import { type AgentSettings, agentSettings } from '../../tenant/agent-settings.js'
import { normalizeDomain } from '../../tenant/domain-name.js'
import { parseAgentPublicKey, verifyAgentSignature } from './agent-keys.js'

export const PROFILE_COLLECTION = 'is.gather.actor.profile'
export const POW_ALGORITHM = 'sha256-leading-zero-bits'
const NONCE_MAX = 128
const CHALLENGE_ID = /^[A-Za-z0-9_-]{16,64}$/

export type RegistrationChallenge = {
  challenge: string
  domain: string
  difficulty: number
  algorithm: string
  expiresAt: string
}

export type RegisterInput = {
  challenge: unknown
  nonce: unknown
  publicKey: unknown
  name: unknown
  description?: unknown
  handle?: unknown
  capabilities?: unknown
  /** A did:key the agent holds, first in its DID's rotation keys, so it can change its DID without us. */
  recoveryKey?: unknown
}

export type AgentSession = { did: string; handle: string; tokens: IssuedTokens }

export type SignedChallenge = { challenge: string; message: string; expiresAt: string }

export type AgentServiceDeps = {
  storage: Storage
  registry: TenantRegistry
  accounts: AccountService
  sessions: SessionService
  repos: RepoService
  lexicons: Lexicons
  rateLimits: RateLimits
  config: AgentsConfig
  maxRecordBytes: number
  serviceDid: string
  outboxWritten: (source: string) => void
  logger: Logger
}

export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  /** A domain's agent settings, its own where it has them, else the config's defaults. */
  settings(domain: Domain): AgentSettings {
    return agentSettings(domain, this.deps.config)
  }

  /** Issues a proof-of-work challenge for registering on `domain`. */
  async registrationChallenge(domainInput: unknown): Promise<RegistrationChallenge> {
    const domain = await this.openDomain(domainInput)
    const { powDifficulty } = this.settings(domain)
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.deps.config.registrationChallengeSeconds * 1000).toISOString()
    const challenge = newChallengeId()
    await this.deps.storage.managementTransactor.challenges.insert({
      id: challenge,
      purpose: 'register',
      domain: domain.name,
      did: null,
      difficulty: powDifficulty,
      message: null,
      new_key: null,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    })
    return { challenge, domain: domain.name, difficulty: powDifficulty, algorithm: POW_ALGORITHM, expiresAt }
  }

  /**
   * Registers an agent: checks everything the request says, then takes the
   * solved challenge (once, whoever races for it), then creates the account
   * with its key and profile in one transaction and opens a session.
   */
  async register(input: RegisterInput): Promise<AgentSession> {
    const key = parseAgentPublicKey(input.publicKey)
    const found = await this.pendingChallenge(input.challenge, 'register')
    const domain = await this.openDomain(found.domain)
    const nonce = input.nonce
    if (typeof nonce !== 'string' || nonce.length === 0 || nonce.length > NONCE_MAX) {
      throw new InvalidRequestError(`nonce must be a string of 1 to ${NONCE_MAX} characters`)
    }
    const difficulty = found.difficulty ?? 0
    if (leadingZeroBits(powDigest(found.id, nonce)) < difficulty) {
      throw new InvalidRequestError(
        `SHA-256 of "<challenge>:<nonce>" needs at least ${difficulty} leading zero bits`,
        'InsufficientWork',
      )
    }
    const recoveryKey = agentRecoveryKey(input.recoveryKey)
    const handle = agentHandle(input.handle, input.name, domain.name)
    this.deps.accounts.assertHandleAllowed(handle)
    if (!(await this.deps.accounts.handleAvailable(handle))) {
      throw new InvalidRequestError(`Handle already taken: ${handle}`, 'HandleNotAvailable')
    }
    const profile = await prepareWrite(
      {
        action: 'create',
        collection: PROFILE_COLLECTION,
        rkey: 'self',
        record: {
          $type: PROFILE_COLLECTION,
          name: input.name,
          description: input.description,
          publicKey: key.didKey,
          capabilities: input.capabilities,
          createdAt: new Date().toISOString(),
        },
      },
      { lexicons: this.deps.lexicons, validate: true, maxRecordBytes: this.deps.maxRecordBytes },
    )
    if (!(await this.deps.storage.managementTransactor.challenges.take(found.id, 'register'))) {
      throw unknownChallenge()
    }
    const created = await this.deps.accounts.create({
      handle,
      role: 'user',
      recoveryKey,
      alsoWrite: async (tx, did) => {
        await tx.agentKeys.insert(did, key.didKey)
        await this.deps.repos.applyWritesWithin(tx, { did, db_name: domain.db_name }, [profile])
      },
    })
    const located = await this.deps.accounts.mustLocate(created.did)
    this.deps.logger.info({ did: created.did, handle, tenant: domain.name, keyType: key.type }, 'agent registered')
    return { did: created.did, handle, tokens: await this.deps.sessions.start(located) }
  }

  /**
   * Issues the message an agent signs to log in (or, with `newPublicKey`, to
   * replace its key): bound to this service, the account, a nonce and an expiry.
   */
  async signChallenge(
    identifier: unknown,
    purpose: 'login' | 'rotateKey',
    newPublicKey?: unknown,
  ): Promise<SignedChallenge> {
    const located = await this.locateAgent(identifier)
    const { agent } = await this.agentState(located)
    const newKey = purpose === 'rotateKey' ? parseAgentPublicKey(newPublicKey).didKey : null
    if (newKey !== null && newKey === agent.public_key) {
      throw new InvalidRequestError('The new key is the key in use', 'InvalidPublicKey')
    }
    const now = new Date()
    const expiresAt = new Date(now.getTime() + this.deps.config.loginChallengeSeconds * 1000).toISOString()
    const challenge = newChallengeId()
    const message = [
      purpose === 'login' ? 'primal-pds agent login' : 'primal-pds agent key rotation',
      `service: ${this.deps.serviceDid}`,
      `account: ${located.did}`,
      ...(newKey ? [`new key: ${newKey}`] : []),
      `challenge: ${challenge}`,
      `expires: ${expiresAt}`,
    ].join('\n')
    await this.deps.storage.managementTransactor.challenges.insert({
      id: challenge,
      purpose,
      domain: located.domain,
      did: located.did,
      difficulty: null,
      message,
      new_key: newKey,
      expires_at: expiresAt,
      created_at: now.toISOString(),
    })
    return { challenge, message, expiresAt }
  }

  /** Logs in with a signed login challenge; the challenge is spent whether or not the signature holds. */
  async login(challengeInput: unknown, signature: unknown): Promise<AgentSession> {
    const challenge = await this.takeChallenge(challengeInput, 'login')
    const located = await this.deps.accounts.mustLocate(challenge.did as string)
    const { agent, handle } = await this.agentState(located)
    if (!(await verifyAgentSignature(agent.public_key, challenge.message as string, signature))) {
      throw new AuthRequiredError("The signature does not verify with the agent's key", 'InvalidSignature')
    }
    return { did: located.did, handle, tokens: await this.deps.sessions.start(located) }
  }

  /**
   * Replaces an agent's key: the old key signs the rotation message (it
   * names the new key), and the new key signs it too, proving it is held.
   * Every session of the account ends; a new one is returned. The profile's
   * publicKey follows when it named the old key.
   */
  async rotateKey(
    challengeInput: unknown,
    signature: unknown,
    newKeySignature: unknown,
  ): Promise<AgentSession & { publicKey: string }> {
    const challenge = await this.takeChallenge(challengeInput, 'rotateKey')
    const message = challenge.message as string
    const newKey = challenge.new_key as string
    const located = await this.deps.accounts.mustLocate(challenge.did as string)
    const { agent, handle } = await this.agentState(located)
    if (!(await verifyAgentSignature(agent.public_key, message, signature))) {
      throw new AuthRequiredError("The signature does not verify with the agent's current key", 'InvalidSignature')
    }
    if (!(await verifyAgentSignature(newKey, message, newKeySignature))) {
      throw new AuthRequiredError('newKeySignature does not verify with the new key', 'InvalidSignature')
    }
    const profileWrite = await this.profileKeyUpdate(located, agent.public_key, newKey)
    await this.deps.storage.transact(located.db_name, async (tx) => {
      // The repo's lock, then the account's row, as a commit takes them: a move of the account to another
      // domain (which marks it under the repo's lock) waits for the rotation, or the rotation is refused.
      await tx.repo.lockForCommit(located.did)
      await tx.accounts.holdUnlessMoving(located.did)
      if (!(await tx.agentKeys.replace(located.did, agent.public_key, newKey))) {
        throw new InvalidRequestError('The key was changed meanwhile; ask for a new challenge', 'InvalidChallenge')
      }
      await tx.sessions.deleteAll(located.did)
      if (profileWrite) await this.deps.repos.applyWritesWithin(tx, located, [profileWrite])
    })
    if (profileWrite) this.deps.outboxWritten(located.db_name)
    this.deps.logger.info({ did: located.did, tenant: located.domain }, 'agent key rotated')
    return { did: located.did, handle, publicKey: newKey, tokens: await this.deps.sessions.start(located) }
  }

  /** Marks an agent trusted (the higher write budget) or not. */
  async setTrusted(located: LocatedAccount, trusted: boolean): Promise<void> {
    // Held against a move of the account to another domain: it lands before the copy, or is refused.
    const ok = await this.deps.storage.transact(located.db_name, async (tx) => {
      await tx.accounts.holdUnlessMoving(located.did)
      return tx.agentKeys.setTrusted(located.did, trusted)
    })
    if (!ok) throw new InvalidRequestError(`Not an agent account: ${located.did}`, 'NotAnAgent')
    this.deps.rateLimits.forgetTier(located.did)
    this.deps.logger.info({ did: located.did, tenant: located.domain, trusted }, 'agent trust changed')
  }

  private async openDomain(input: unknown): Promise<Domain> {
    const name = normalizeDomain(input)
    const domain = await this.deps.registry.activeDomain(name)
    if (!domain) throw new InvalidRequestError(`Not a domain hosted here: ${name}`, 'UnsupportedDomain')
    if (!this.settings(domain).agentRegistration) {
      throw new ForbiddenError(`${name} does not accept agent registration`, 'RegistrationClosed')
    }
    return domain
  }

  private async locateAgent(identifier: unknown): Promise<LocatedAccount> {
    if (typeof identifier !== 'string' || identifier.length === 0 || identifier.length > 2048) {
      throw new InvalidRequestError('identifier must be a handle or DID')
    }
    const located = await this.deps.accounts.locate(identifier)
    if (!located) throw new InvalidRequestError(`Account not found: ${identifier.slice(0, 300)}`, 'AccountNotFound')
    return located
  }

  /** The agent's key and handle; refused when the account has no key or may not log in. */
  private async agentState(located: LocatedAccount) {
    const state = await this.deps.storage.read(located.db_name, async (t) => ({
      agent: await t.agentKeys.get(located.did),
      account: await t.accounts.summary(located.did),
    }))
    if (!state.account) throw new InvalidRequestError(`Account not found: ${located.did}`, 'AccountNotFound')
    if (!state.agent) {
      throw new InvalidRequestError('This account has no agent key; it logs in with a password', 'NotAnAgent')
    }
    assertCanLogIn(state.account.status)
    return { agent: state.agent, handle: state.account.handle }
  }

  /** A challenge still to be used, not yet taken (registration checks its work before taking it). */
  private async pendingChallenge(input: unknown, purpose: AgentChallengePurpose): Promise<Challenge> {
    const id = challengeId(input)
    const found = await this.deps.storage.managementReader.challenges.get(id, purpose)
    if (!found) throw unknownChallenge()
    assertUnexpired(found)
    return found
  }

  private async takeChallenge(input: unknown, purpose: AgentChallengePurpose): Promise<Challenge> {
    const taken = await this.deps.storage.managementTransactor.challenges.take(challengeId(input), purpose)
    if (!taken) throw unknownChallenge()
    assertUnexpired(taken)
    return taken
  }

  private async profileKeyUpdate(
    located: LocatedAccount,
    oldKey: string,
    newKey: string,
  ): Promise<PreparedWrite | undefined> {
    const row = await this.deps.storage.read(located.db_name, (t) =>
      t.repo.getRecord(located.did, PROFILE_COLLECTION, 'self'),
    )
    if (!row) return undefined
    const value = cborToLexRecord(row.content) as Record<string, unknown>
    if (value.publicKey !== oldKey) return undefined
    return prepareWrite(
      {
        action: 'update',
        collection: PROFILE_COLLECTION,
        rkey: 'self',
        record: { ...value, publicKey: newKey },
        swapRecord: row.cid,
      },
      { lexicons: this.deps.lexicons, validate: true, maxRecordBytes: this.deps.maxRecordBytes },
    )
  }
}

/** SHA-256 of `<challenge>:<nonce>`, the proof of work's digest. */
export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`, 'utf8').digest()
}

export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8
      continue
    }
    return bits + Math.clz32(byte) - 24
  }
  return bits
}

/** The handle an agent asked for (a name, or a full handle in its domain), else one made from its display name. */
/**
 * The recovery key an agent registers with: absent, or a did:key PLC accepts
 * as a rotation key (secp256k1 or P-256; PLC has no Ed25519 rotation keys).
 */
function agentRecoveryKey(input: unknown): string | undefined {
  if (input === undefined || input === null || input === '') return undefined
  const refuse = () => new InvalidRequestError('recoveryKey must be a secp256k1 or P-256 did:key')
  if (typeof input !== 'string' || !input.startsWith('did:key:')) throw refuse()
  let parsed: ReturnType<typeof parseAgentPublicKey>
  try {
    parsed = parseAgentPublicKey(input)
  } catch {
    throw refuse()
  }
  if (parsed.type === 'ed25519') throw refuse()
  return parsed.didKey
}

function agentHandle(handle: unknown, name: unknown, domain: string): string {
  if (handle !== undefined && handle !== null && handle !== '') {
    if (typeof handle !== 'string') throw new InvalidRequestError('handle must be a string', 'InvalidHandle')
    const suffix = `.${domain}`
    const lower = handle.trim().toLowerCase()
    const part = lower.endsWith(suffix) ? lower.slice(0, -suffix.length) : lower
    // "a.b" is a name with a dot, or a handle in another domain: either way the dot is what is wrong, not the length.
    if (part.includes('.')) throw dottedName(handle, part, domain)
    return parseHandle(`${part}${suffix}`).handle
  }
  const slug = (typeof name === 'string' ? name : '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
  if (slug.length < 3) {
    throw new InvalidRequestError('Give a handle: the name does not make one of 3 or more letters', 'InvalidHandle')
  }
  return parseHandle(`${slug}.${domain}`).handle
}

function dottedName(handle: string, part: string, domain: string): InvalidRequestError {
  const example =
    part
      .replace(/\.+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'my-agent'
  return new InvalidRequestError(
    `Handle ${JSON.stringify(handle.slice(0, 253))} is not <name>.${domain}: the name is one label of letters, digits and hyphens, with no dot. Give the name alone (e.g. "${example}") or the whole handle (e.g. "${example}.${domain}")`,
    'InvalidHandle',
  )
}

function newChallengeId(): string {
  return randomBytes(24).toString('base64url')
}

function challengeId(input: unknown): string {
  if (typeof input !== 'string' || !CHALLENGE_ID.test(input)) throw unknownChallenge()
  return input
}

function assertUnexpired(c: Challenge): void {
  if (c.expires_at <= new Date().toISOString()) {
    throw new InvalidRequestError('The challenge has expired; ask for a new one', 'ExpiredChallenge')
  }
}

function unknownChallenge(): InvalidRequestError {
  return new InvalidRequestError('Unknown or already used challenge', 'InvalidChallenge')
}
