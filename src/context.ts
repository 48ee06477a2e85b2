// The one AppContext: config, storage, keys, services and logger, built once
// at start and passed down. Tests build their own.
import { Secp256k1Keypair } from '@atproto/crypto'
import { Lexicons } from '@atproto/lexicon'
import { AccountEmail } from './account/account-email.js'
import type { AccountMoves } from './account/account-moves.js'
import { AccountService } from './account/account-service.js'
import { AppPasswords } from './account/app-passwords.js'
import { Departures } from './account/departures.js'
import { HandlePolicy } from './account/handle-policy.js'
import { HostSwitches } from './account/host-switches.js'
import { inviteRequired } from './account/invite-codes.js'
import { InviteService } from './account/invite-service.js'
import { Passwords } from './account/password.js'
import type { PendingHomes } from './account/pending-homes.js'
import { PreferenceService } from './account/preference-service.js'
import { SessionService } from './account/session-service.js'
import { AuthVerifier } from './api/auth-verifiers.js'
import { TokenIssuer } from './auth/tokens.js'
import { BlobService } from './blob/blob-service.js'
import type { Config, TraefikConfig } from './config/config.js'
import { AgentService } from './gather/agent/agent-service.js'
import { DirectoryService } from './gather/directory/directory-service.js'
import { FeedService } from './gather/feed/feed-service.js'
import { NotificationService } from './gather/notification/notification-service.js'
import { SearchService } from './gather/search/search-service.js'
import { OrderService } from './gather/shop/order-service.js'
import { TenantFanOut } from './gather/tenant-fan-out.js'
import { WebhookDelivery } from './gather/webhook/webhook-delivery.js'
import { WebhookDispatcher } from './gather/webhook/webhook-dispatcher.js'
import { WebhookService } from './gather/webhook/webhook-service.js'
import { WebhookSigner } from './gather/webhook/webhook-signer.js'
import { gatherWing } from './gather/wing.js'
import { FirehoseServer } from './http/streams/firehose-server.js'
import { JetstreamServer } from './http/streams/jetstream-server.js'
import { DidKeys } from './identity/did-keys.js'
import { AtprotoDidResolver } from './identity/did-resolver.js'
import { ExternalIdentityResolver, loopbackOnlyFetch } from './identity/external-resolver.js'
import { IdentityService } from './identity/identity-service.js'
import { TIMEOUT_MS as PLC_REQUEST_TIMEOUT_MS, PlcClient } from './identity/plc-client.js'
import { PlcService } from './identity/plc-service.js'
import { RelayAnnouncer } from './identity/relay-announcer.js'
import { RelayMonitor } from './identity/relay-monitor.js'
import { serviceDidFor } from './identity/service-did.js'
import { allLexicons } from './lexicon/lexicons.js'
import { ByteBudget } from './lib/byte-budget.js'
import { type BackgroundJob, startJobs, stopJobs } from './lib/jobs.js'
import { createLogger, type Logger } from './lib/logger.js'
import { MailQueue } from './mail/mail-queue.js'
import { SmtpSender } from './mail/smtp-sender.js'
import { Metrics } from './metrics/metrics.js'
import { ModerationService } from './moderation/moderation-service.js'
import { OAuthAccounts } from './oauth/oauth-accounts.js'
import { OAuthServer, oauthBranding } from './oauth/oauth-server.js'
import { OAuthStores } from './oauth/oauth-stores.js'
import { OAuthSweep } from './oauth/oauth-sweep.js'
import { ReadAfterWrite } from './proxy/read-after-write.js'
import { ServiceAuth } from './proxy/service-auth.js'
import { ServiceDirectory } from './proxy/service-directory.js'
import { ServiceProxy } from './proxy/service-proxy.js'
import { UpstreamClient } from './proxy/upstream.js'
import { RateLimits } from './ratelimit/rate-limits.js'
import { RecordWriter } from './repo/record-writer.js'
import { RepoImporter } from './repo/repo-import.js'
import { RepoReads } from './repo/repo-reads.js'
import { RepoService } from './repo/repo-service.js'
import { SigningKeyCache } from './repo/signing-key-cache.js'
import { SigningKeyVault } from './repo/signing-key-vault.js'
import { StorageSweeper } from './repo/sweeper.js'
import { TraefikWriter } from './routing/traefik.js'
import { EmbeddedStorage } from './storage/embedded.js'
import type { TenantRegistry } from './storage/management/tenant-registry.js'
import { PostgresStorage } from './storage/postgres.js'
import type { Storage } from './storage/storage.js'
import { BlockCache } from './storage/tenant/block-cache.js'
import { EventTail, type SequencedFrame } from './sync/event-tail.js'
import { JetstreamDecoder } from './sync/jetstream-decoder.js'
import { Sequencer } from './sync/sequencer.js'
import { DomainService } from './tenant/domain-service.js'
import { PdsHosts } from './tenant/pds-hosts.js'
import type { Wing } from './wing.js'

export type AppContext = {
  config: Config
  logger: Logger
  storage: Storage
  registry: TenantRegistry
  /** The PDS hosts we are on the network: the service host and each domain's own. */
  pdsHosts: PdsHosts
  serviceDid: string
  plcRotationKey: Secp256k1Keypair
  plc: PlcService
  /** Handles and DIDs of anyone: ours from our tables, the rest as the network publishes them. */
  identity: IdentityService
  relays: RelayAnnouncer
  /** What the relays say of our hosts: asked in the background, kept in memory (getRelayStatus). */
  relayMonitor: RelayMonitor
  /** Absent when db.json has no `traefik` section. */
  traefik?: TraefikWriter
  tokens: TokenIssuer
  accounts: AccountService
  /** Accounts that moved away: noticed on refresh, on demand, and by following the PLC export (a job). */
  departures: Departures
  domains: DomainService
  /** Invite codes of every domain: made, checked and used up at sign-up, listed, disabled. */
  invites: InviteService
  sessions: SessionService
  /** Accounts' app passwords (create, list, revoke; a login with one is the session service's). */
  appPasswords: AppPasswords
  /** Accounts' app.bsky preferences (getPreferences, putPreferences). */
  preferences: PreferenceService
  passwords: Passwords
  /** What accounts do by mail: confirm and change their email, reset passwords, delete themselves, sign-in codes. */
  accountEmail: AccountEmail
  /** The mail job: sends the tenants' queued mail; absent when the config has no `email`. */
  mail?: MailQueue
  auth: AuthVerifier
  /** The OAuth authorization server, and the check of its tokens. */
  oauth: OAuthServer
  rateLimits: RateLimits
  /** The agent app's (gatherWing's) agents: built here, as every service is, for its handlers. */
  agents: AgentService
  /** Every lexicon we know: records of these types are validated on write. */
  lexicons: Lexicons
  repos: RepoService
  /** One-record writes, prepared and validated; the method's declared rate limit (or the MCP tool) charges them. */
  recordWriter: RecordWriter
  repoReads: RepoReads
  /** com.atproto.repo.importRepo: an account moving in brings its repo. */
  repoImporter: RepoImporter
  blobs: BlobService
  /** Takedowns of accounts, records and blobs (com.atproto.admin). */
  moderation: ModerationService
  /** The agent app's search, over the rows its commit indexer keeps. */
  search: SearchService
  /** The agent app's orders: the buyers' orders with the status their sellers' updates give them. */
  orders: OrderService
  /** The agent app's inbox: notifications from records of accounts anywhere here, and what each has seen. */
  notifications: NotificationService
  /** The agent app's votes on posts and channels, read across tenants. */
  feed: FeedService
  /** The agent directory: agents, the skill leaderboard, a listing's reviews. */
  directory: DirectoryService
  /** Accounts' webhooks (is.gather.webhook.*); the dispatcher and delivery jobs send them. */
  webhooks: WebhookService
  /** Service-auth tokens signed with an account's key: minted for other services, checked when they come back. */
  serviceAuth: ServiceAuth
  /** Calls we do not serve, passed on to the AppView, chat, a labeler. */
  proxy: ServiceProxy
  /** Those calls' answers with the caller's newest posts and profile in them, where the AppView is behind. */
  readAfterWrite: ReadAfterWrite
  sweeper: StorageSweeper
  sequencer: Sequencer
  tail: EventTail
  firehose: FirehoseServer
  /** The firehose as Jetstream-shaped JSON at /subscribe. */
  jetstream: JetstreamServer
  /** This server's Prometheus series (its own registry). */
  metrics: Metrics
  /** The apps built on this core: their methods, routes and commit indexers. */
  wings: Wing[]
  /** A serving process's background work, in start order (see backgroundJobs). */
  jobs: BackgroundJob[]
}

/** The apps this PDS serves on its core: the agent app. */
const WINGS: Wing[] = [gatherWing]

/** How often a process that is not the sequencer tries to become it (a dead one is replaced this fast). */
const SEQUENCER_CAMPAIGN_MS = 2000
/** How often the sequencer drains every outbox, in case a signal was lost. */
const SEQUENCER_SWEEP_MS = 60_000
/** How often every process checks for new firehose events without being told. */
const TAIL_POLL_MS = 1000

/** Repo blocks kept in memory for writes: a hot repo's commit and upper MST nodes are a few KiB. */
const BLOCK_CACHE_BYTES = 16 * 1024 * 1024

/** How long a read of the domains' PDS hosts is used by a process before it reads them again. */
const PDS_HOSTS_CACHE_MS = 2000

/** How often a process moves accounts whose domain's PDS host changed (it is also woken by a change). */
const HOST_SWITCH_INTERVAL_MS = 30_000
/** The longest the first account moved to a PDS host waits for the relays to be asked to crawl it. */
const HOST_ANNOUNCE_WAIT_MS = 60_000

/** Interrupted domain changes older than this are swept at start. */
const RECOVERY_AGE_MS = 10 * 60 * 1000

/**
 * The longest an account creation can take: every PLC try timing out, each
 * followed by the longest backoff, and a minute for the rest. Another
 * process's reservation older than this has no create behind it.
 */
function accountCreationDeadlineMs(config: Config): number {
  return config.plcRetry.attempts * (PLC_REQUEST_TIMEOUT_MS + config.plcRetry.maxDelayMs) + 60_000
}

export async function openStorage(config: Config, logger: Logger, metrics?: Metrics): Promise<Storage> {
  const onTenantPoolWait = metrics && ((seconds: number) => metrics.poolWait('tenant', seconds))
  return config.database
    ? PostgresStorage.open(config.database, logger, onTenantPoolWait)
    : EmbeddedStorage.open(config.dataDir)
}

export async function createAppContext(
  config: Config,
  opts: { logger?: Logger /** The apps on the core; the agent app by default. */; wings?: Wing[] } = {},
): Promise<AppContext> {
  const logger = opts.logger ?? createLogger(config.logLevel)
  const wings = opts.wings ?? WINGS
  const metrics = new Metrics()
  const storage = await openStorage(config, logger, metrics)
  try {
    await storage.migrateManagement()
    const registry = storage.managementTransactor.registry
    const serviceDid = serviceDidFor(config.serviceURL)
    const pdsHosts = new PdsHosts({
      registry,
      serviceURL: config.serviceURL,
      defaultEventsPerSecond: config.firehose.hostEventsPerSecond,
      cacheMs: PDS_HOSTS_CACHE_MS,
    })
    const plcRotationKey = await Secp256k1Keypair.import(config.plcRotationKey)
    const tokens = new TokenIssuer(config.jwtSecret, serviceDid)
    const vault = new SigningKeyVault(config.keyEncryptionKey)
    const lexicons = new Lexicons(allLexicons())
    const sequencer = new Sequencer({
      storage,
      registry,
      logger,
      campaignIntervalMs: SEQUENCER_CAMPAIGN_MS,
      sweepIntervalMs: SEQUENCER_SWEEP_MS,
      retentionSeconds: config.firehose.retentionSeconds,
      retentionEvents: config.firehose.retentionEvents,
      onSequenced: (lagSeconds) => metrics.sequenced(lagSeconds),
    })
    const outboxWritten = (source: string) => sequencer.outboxWritten(source)
    const tail = new EventTail(storage, logger, TAIL_POLL_MS, config.firehose)
    sequencer.on('sequenced', (_seq: number, frames: SequencedFrame[]) => tail.take(frames))
    const firehose = new FirehoseServer(tail, config.firehose, logger, {
      forRequest: (hostname) => pdsHosts.forRequest(hostname),
      paced: (hostname, seconds) => metrics.firehosePaced(hostname, seconds),
    })
    const jsonEvents = new JetstreamDecoder(config.firehose.ringSize, logger, config.firehose.jsonCacheBytes)
    const jetstream = new JetstreamServer(tail, jsonEvents, config.firehose, logger)
    metrics.watch({ firehose, jetstream, tail, sequencer, storage })
    const signingKeys = new SigningKeyCache(vault)
    const repos = new RepoService({
      storage,
      signingKeys,
      outboxWritten,
      outboxHandoff: (source) => sequencer.expectHandoff(source),
      blockCache: new BlockCache(BLOCK_CACHE_BYTES),
      indexers: wings.flatMap((wing) => wing.indexers),
      logger,
    })
    const repoReads = new RepoReads(storage)
    const blobs = new BlobService({ storage, maxBytes: config.limits.blobBytes })
    const gatherTenants = new TenantFanOut({ storage, registry, logger })
    const search = new SearchService({ tenants: gatherTenants })
    const orders = new OrderService({ tenants: gatherTenants })
    const notifications = new NotificationService({ tenants: gatherTenants, storage })
    const feed = new FeedService({ tenants: gatherTenants, storage })
    const directory = new DirectoryService({
      tenants: gatherTenants,
      registry,
      search,
      leaderboardMinReviews: config.agents.leaderboardMinReviews,
    })
    const sweeper = new StorageSweeper({ storage, registry, gc: config.gc, logger })
    const passwords = new Passwords({
      concurrency: config.limits.passwordHashConcurrency,
      maxQueued: config.limits.passwordHashQueue,
    })
    const dids = didResolver(config)
    const external = new ExternalIdentityResolver(config.identity, dids)
    const plcClient = config.plcEndpoint ? new PlcClient(config.plcEndpoint, config.plcRetry) : undefined
    const didKeys = new DidKeys(external, plcClient)
    const plc = new PlcService({
      storage,
      registry,
      client: plcClient,
      rotationKey: plcRotationKey,
      hosts: pdsHosts,
      didKeys,
      logger,
    })
    const accounts = new AccountService({
      storage,
      registry,
      handles: HandlePolicy.fromConfig(config),
      vault,
      plc,
      external,
      repos,
      passwords,
      outboxWritten,
      pendingStaleAfterMs: accountCreationDeadlineMs(config),
      openToMoves: (domain) => config.registrationOpen && !inviteRequired(domain, config.invites),
      moves: {
        drainTimeoutMs: config.moves.drainTimeoutMs,
        sweepIntervalMs: config.moves.sweepIntervalSeconds * 1000,
        consentTtlMs: config.moves.consentTtlSeconds * 1000,
      },
      logger,
    })
    const departures = new Departures({
      storage,
      registry,
      accounts,
      plc,
      external,
      config: config.plcFollow,
      logger,
    })
    const identity = new IdentityService({ hosted: accounts, hostedDocs: plc, external })
    const serviceHost = new URL(config.serviceURL).host
    const relays = new RelayAnnouncer({
      relays: config.relays,
      hostname: serviceHost,
      hostnames: async () => (await pdsHosts.list()).map((h) => h.hostname),
      retry: config.relayRetry,
      logger,
    })
    const relayMonitor = new RelayMonitor({
      relays: config.relays,
      hosts: () => pdsHosts.list(),
      accountsByHost: () => registry.countHomesByHost(),
      headsByHost: (hosts) => storage.managementReader.firehose.hostHeads(hosts),
      crawlStates: () => relays.state(),
      intervalMs: config.relayCheck.intervalSeconds * 1000,
      timeoutMs: config.relayCheck.timeoutMs,
      logger,
    })
    metrics.watchRelays(relayMonitor)
    const traefik = config.traefik ? traefikWriter(config, config.traefik, registry, logger) : undefined
    const hostSwitches = new HostSwitches({
      storage,
      registry,
      accounts,
      hosts: pdsHosts,
      outboxWritten,
      announceHost: (hostname) => relays.announceHost(hostname, 'domain host set'),
      announceWaitMs: HOST_ANNOUNCE_WAIT_MS,
      intervalMs: HOST_SWITCH_INTERVAL_MS,
      // A write that fails is logged by the writer; the next change or restart writes it again.
      switched: () => void traefik?.sync().catch(() => {}),
      logger,
    })
    const domains = new DomainService({
      storage,
      registry,
      accounts,
      outboxWritten,
      logger,
      serviceHostname: new URL(config.serviceURL).hostname,
      onChange: async (change) => {
        if (change === 'host') {
          pdsHosts.forget()
          // The domain's accounts follow it to its new host (the relays are asked to crawl it first).
          hostSwitches.wake()
          relays.announce('domain host changed')
        }
        // A new domain's first account (its owner) is news to relays; a new domain is on the service host.
        if (change === 'added') void relays.announceHost(serviceHost, 'domain added')
        // A write that fails is logged by the writer; the next change or restart writes it again.
        await traefik?.sync().catch(() => {})
      },
    })
    const appPasswords = new AppPasswords(storage, passwords, {
      perAccount: config.limits.appPasswordsPerAccount,
      nameLength: config.limits.appPasswordNameLength,
    })
    const sessions = new SessionService(storage, accounts, tokens, passwords, appPasswords)
    const invites = new InviteService({ storage, registry, invites: config.invites, logger })
    const mail = config.email
      ? new MailQueue({ storage, registry, sender: new SmtpSender(config.email), config: config.email, logger })
      : undefined
    const preferences = new PreferenceService(storage)
    const moderation = new ModerationService({ storage, accounts, outboxWritten, logger })
    const serviceAuth = new ServiceAuth({
      storage,
      accounts,
      signingKeys,
      serviceDid,
      hostDids: async () => (await pdsHosts.list()).map((h) => h.did),
      didKeys,
    })
    const repoImporter = new RepoImporter({
      storage,
      didKeys,
      indexers: wings.flatMap((wing) => wing.indexers),
      maxBytes: config.limits.importRepoBytes,
      memory: new ByteBudget(config.limits.importRepoMemoryBytes),
      logger,
    })
    const proxy = serviceProxy(config, serviceAuth, dids)
    const readAfterWrite = new ReadAfterWrite({
      storage,
      proxy,
      lexicons,
      maxBytes: config.proxy.readAfterWriteMaxBytes,
      memory: new ByteBudget(config.proxy.readAfterWriteMemoryBytes),
      cdnUrlPattern: config.appView?.cdnUrlPattern,
      serviceUrl: config.serviceURL,
      logger,
    })
    const rateLimits = new RateLimits(config.rateLimits, storage)
    const accountEmail = new AccountEmail({
      storage,
      registry,
      accounts,
      passwords,
      mailConfigured: !!mail,
      mailBudget: (did, kind) => rateLimits.consumeMail(did, kind),
      mailQueued: (dbName) => mail?.queued(dbName),
      logger,
    })
    const oauthAccounts = new OAuthAccounts({ accounts, sessions, accountEmail, rateLimits, serviceDid })
    const oauthStores = new OAuthStores(() => storage.managementTransactor, oauthAccounts.accountOf)
    oauthAccounts.useDevices(oauthStores)
    const oauth = await OAuthServer.create({
      serviceUrl: config.serviceURL,
      serviceDid,
      hosts: pdsHosts,
      jwtSecret: config.jwtSecret,
      stores: oauthStores,
      accountStore: oauthAccounts,
      branding: oauthBranding(config.oauth),
      trustedClients: config.oauth.trustedClients,
      homeDomain: async (hint) => (await accounts.locate(hint))?.domain,
    })
    const auth = new AuthVerifier(config.adminKey, tokens, sessions, serviceAuth, oauth)
    const recordWriter = new RecordWriter({
      repos,
      lexicons,
      maxRecordBytes: config.limits.recordBytes,
    })
    const agents = new AgentService({
      storage,
      registry,
      accounts,
      sessions,
      repos,
      lexicons,
      rateLimits,
      config: config.agents,
      maxRecordBytes: config.limits.recordBytes,
      serviceDid,
      outboxWritten,
      logger,
    })
    const webhookSigner = new WebhookSigner(config.jwtSecret)
    const webhookDelivery = new WebhookDelivery({
      storage,
      signer: webhookSigner,
      config: config.webhooks,
      attempted: (outcome) => metrics.webhookAttempt(outcome),
      logger,
    })
    const webhookDispatcher = new WebhookDispatcher({
      storage,
      registry,
      tail,
      eventsOf: (frame) => jsonEvents.eventsOf(frame),
      config: config.webhooks,
      enqueued: () => webhookDelivery.wake(),
      logger,
    })
    const webhooks = new WebhookService({
      storage,
      config: config.webhooks,
      signer: webhookSigner,
      deliveriesDue: () => webhookDelivery.wake(),
    })
    const ctx: AppContext = {
      config,
      logger,
      storage,
      registry,
      pdsHosts,
      serviceDid,
      plcRotationKey,
      plc,
      identity,
      relays,
      relayMonitor,
      traefik,
      tokens,
      accounts,
      departures,
      domains,
      invites,
      sessions,
      appPasswords,
      preferences,
      passwords,
      accountEmail,
      mail,
      auth,
      rateLimits,
      agents,
      lexicons,
      repos,
      recordWriter,
      repoReads,
      repoImporter,
      blobs,
      moderation,
      search,
      orders,
      notifications,
      feed,
      directory,
      webhooks,
      serviceAuth,
      proxy,
      readAfterWrite,
      sweeper,
      sequencer,
      tail,
      firehose,
      jetstream,
      metrics,
      wings,
      oauth,
      jobs: backgroundJobs({
        oauthSweep: new OAuthSweep(oauthStores, logger),
        pending: accounts.pending,
        moves: accounts.moves,
        sweeper,
        tail,
        sequencer,
        relays,
        relayMonitor,
        departures,
        hostSwitches,
        mail,
        webhooks: config.webhooks.enabled ? [webhookDispatcher, webhookDelivery] : [],
      }),
    }
    await recover(ctx)
    return ctx
  } catch (err) {
    await storage.close().catch(() => {})
    throw err
  }
}

/**
 * DID documents, for identity lookups and for the services atproto-proxy
 * names: one resolver, so one bounded cache. did:plc resolves at our own PLC
 * directory only: without plcEndpoint (tests, local development) no other
 * did:plc resolves, for proxying too, so nothing reaches plc.directory unasked.
 */
function didResolver(config: Config): AtprotoDidResolver {
  return new AtprotoDidResolver({
    plcUrl: config.plcEndpoint,
    timeoutMs: config.identity.timeoutMs,
    webFetch: didWebFetch(config),
  })
}

/**
 * How did:web documents are fetched: loopbackOnly keeps every lookup on this
 * machine (it wins, so a test never reaches the internet); allowPrivateNetwork
 * lets a test network's services publish theirs at private addresses; else the
 * identity package's fetch, to public addresses only.
 */
function didWebFetch(config: Config): typeof globalThis.fetch | undefined {
  if (config.identity.loopbackOnly) return loopbackOnlyFetch()
  if (config.proxy.allowPrivateNetwork) return globalThis.fetch
  return undefined
}

/** Forwarding to the configured services and to those atproto-proxy names, whose DID documents `dids` resolves. */
function serviceProxy(config: Config, serviceAuth: ServiceAuth, dids: AtprotoDidResolver): ServiceProxy {
  const { appView, chat, moderation } = config
  return new ServiceProxy({
    directory: new ServiceDirectory({ appView, chat, moderation, resolver: dids }),
    serviceAuth,
    upstream: new UpstreamClient(config.proxy, config.limits.bodyBytes),
  })
}

/** Keeps Traefik's routes to the active domains and their own PDS hosts in its file-provider directory. */
function traefikWriter(
  config: Config,
  traefik: TraefikConfig,
  registry: TenantRegistry,
  logger: Logger,
): TraefikWriter {
  return new TraefikWriter({
    traefik,
    serviceHost: new URL(config.serviceURL).hostname,
    listDomains: async () =>
      (await registry.listDomains())
        .filter((d) => d.status === 'active')
        .map((d) => ({ name: d.name, pdsHostname: d.pds_hostname })),
    hostsInUse: () => registry.hostsInUse(),
    logger,
  })
}

/** Brings every tenant to the latest migration and sweeps changes a crash cut short. */
async function recover(ctx: AppContext): Promise<void> {
  const staleBefore = new Date(Date.now() - RECOVERY_AGE_MS)
  await ctx.domains.recoverInterrupted(staleBefore)
  for (const d of await ctx.registry.listDomains()) {
    if (d.status === 'active') await ctx.storage.migrateTenant(d.db_name)
  }
  await ctx.accounts.recoverPending()
  await ctx.accounts.moves.recover()
}

/**
 * Every background job, in start order; they stop in reverse. The tail
 * starts before the sequencer (it reads the head the sequencer's first
 * frames follow) and stops after it (so it takes the last drain's frames);
 * the relays hear of this process once it sequences, and stop asking first;
 * then they are asked how they see our hosts.
 * Following the PLC export for departures needs only storage and the directory.
 * Switching accounts to their domain's PDS host needs the sequencer (its
 * events) and the relay announcer (asked to crawl the host first).
 * The webhook jobs (unless webhooks.enabled is false) follow the tail: the
 * dispatcher reads it, and the delivery job sends what the dispatcher queues.
 * Mail (when the config has `email`) goes last: it needs nothing the others do.
 */
function backgroundJobs(jobs: {
  oauthSweep: OAuthSweep
  pending: PendingHomes
  moves: AccountMoves
  sweeper: StorageSweeper
  tail: EventTail
  sequencer: Sequencer
  relays: RelayAnnouncer
  relayMonitor: RelayMonitor
  departures: Departures
  hostSwitches: HostSwitches
  mail?: MailQueue
  webhooks: BackgroundJob[]
}): BackgroundJob[] {
  const list: BackgroundJob[] = [
    jobs.pending,
    jobs.moves,
    jobs.sweeper,
    jobs.tail,
    jobs.sequencer,
    jobs.relays,
    jobs.relayMonitor,
    jobs.departures,
    jobs.hostSwitches,
    jobs.oauthSweep,
  ]
  return [...list, ...jobs.webhooks, ...(jobs.mail ? [jobs.mail] : [])]
}

/** Starts the background work of a serving process: sequencing, following the firehose, sweeping. */
export async function startBackground(ctx: AppContext): Promise<void> {
  await startJobs(ctx.jobs)
  // Routing follows the domain table, which may have changed while no process was running.
  await ctx.traefik?.start().catch(() => {})
}

/** Closes the streams, stops the jobs, then the password workers and the pools, which the jobs use. */
export async function closeAppContext(ctx: AppContext): Promise<void> {
  ctx.firehose.close()
  ctx.jetstream.close()
  ctx.proxy.close()
  await stopJobs(ctx.jobs)
  await ctx.passwords.close()
  await ctx.storage.close()
}
