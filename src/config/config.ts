// The shape of db.json and its validation. Every bad field yields its own
// message, so an operator fixes a broken config in one pass, not one restart
// per typo.
import { isIP } from 'node:net'

export type DatabaseConfig = {
  /** Postgres URL of the management database; tenant databases live beside it. */
  url: string
  /** Cap on open Postgres connections for the whole process (management + tenants). */
  maxConnections: number
  /** Most connections one tenant's pool may hold. */
  tenantPoolSize: number
  /** A tenant connection idle this long is closed; an empty pool is dropped. */
  idleTimeoutMs: number
}

export type LimitsConfig = {
  /** Largest JSON request body, in bytes. */
  bodyBytes: number
  /** Largest single record, in bytes. */
  recordBytes: number
  /** Largest blob upload, in bytes. */
  blobBytes: number
  /** Largest page a list endpoint returns. */
  listPageSize: number
  /** Most writes in one applyWrites call. */
  applyWritesMax: number
  /** Time a client has to send a whole request (headers and body); past it, 408 and the socket is closed. */
  requestTimeoutMs: number
  /** How long an idle kept-alive connection stays open for the next request. */
  keepAliveTimeoutMs: number
  /** Password hashes and checks running at once (scrypt on libuv's pool, which files and DNS share). */
  passwordHashConcurrency: number
  /** Password hashes and checks waiting their turn; past this many, 503 NotEnoughResources. */
  passwordHashQueue: number
  /** Most app passwords one account may hold (createAppPassword refuses one more). */
  appPasswordsPerAccount: number
  /** Longest app password name, in characters. */
  appPasswordNameLength: number
  /** Largest repository CAR com.atproto.repo.importRepo takes, in bytes (read into memory up to this). */
  importRepoBytes: number
  /**
   * Bytes of repository CARs all importRepo calls of the process may hold at once; an import that
   * would pass it gets 503 NotEnoughResources (one import alone may always reach importRepoBytes).
   */
  importRepoMemoryBytes: number
}

export type FirehoseConfig = {
  /** Events older than this many seconds are pruned (0: no time limit). */
  retentionSeconds: number
  /** At most this many events are kept (0: no count limit). */
  retentionEvents: number
  /** Bytes a subscriber's socket may hold unsent before sending pauses. */
  maxBufferedBytes: number
  /** Events a live subscriber may fall behind before it is dropped with ConsumerTooSlow. */
  maxLagEvents: number
  /** How long a subscriber's socket may hold unsent bytes with none leaving before it is dropped with ConsumerTooSlow. */
  stallTimeoutMs: number
  /** Bytes of events a replay reads from the database at a time (at least one event). */
  replayPageBytes: number
  /** Bytes all replays together may hold in memory, from the database read until sent; replays wait for room. */
  replayMemoryBytes: number
  /** Most subscribers at once. */
  maxSubscribers: number
  /** Most subscribers at once from one client IP (subscribeRepos and /subscribe each). */
  maxSubscribersPerIp: number
  /** Largest WebSocket message a subscribeRepos client may send (it has nothing to send); larger closes with 1009. */
  maxMessageBytes: number
  /** Largest WebSocket message a /subscribe client may send: its options_update, which may name 10,000 DIDs. */
  maxOptionsUpdateBytes: number
  /** Recent events kept in memory for live subscribers. */
  ringSize: number
  /** Most bytes of those events (the newest is kept, whatever its size). */
  ringBytes: number
  /** Bytes of JSON kept for the most recently converted events of the JSON stream. */
  jsonCacheBytes: number
  /**
   * The most events per second a PDS host's subscribeRepos sends each
   * subscriber (0: no ceiling); a domain's own setting overrides it for its
   * host. Writes are never refused for it: that host's stream paces instead.
   */
  hostEventsPerSecond: number
}

/** Asking relays how they see our hosts (host.primal.pds.getRelayStatus). */
/** The agent platform's webhooks (src/gather/webhook). */
export type WebhooksConfig = {
  /** Whether the webhook jobs run in this process (dispatch and delivery, one process at a time). */
  enabled: boolean
  /**
   * Receivers may be at http: and on loopback or private addresses: for a
   * test network or a receiver beside the server, never the internet's.
   */
  allowPrivateNetwork: boolean
  /** Webhooks one account may have. */
  maxPerAccount: number
  /** Deliveries waiting per webhook; past it, events are dropped for it (counted in its view). */
  maxQueued: number
  /** Consecutive failed attempts after which a webhook is paused. */
  pauseAfterFailures: number
  /** The first retry's wait; it doubles with each failure, up to retryMaxMs. */
  retryBaseMs: number
  retryMaxMs: number
  /** How long one delivery may take (connect, send, the receiver's answer). */
  timeoutMs: number
  /** Deliveries in flight at once, across all webhooks (one at a time per webhook: order is kept). */
  concurrency: number
  /** How often the dispatcher looks for new events when nothing wakes it. */
  pollMs: number
}

export type RelayCheckConfig = {
  /** How often every relay is asked about every host in the background (0: only on demand). */
  intervalSeconds: number
  /** How long one question to a relay may take. */
  timeoutMs: number
}

/** Following the PLC directory's export to notice accounts that moved away. */
export type PlcFollowConfig = {
  /** How often the export is read from where it was left (0: never on its own; on demand only). */
  intervalSeconds: number
  /** Ops asked for per export page (the directory caps it at 1000). */
  pageSize: number
  /** Pages read in one run at most; the next run goes on from there. */
  maxPagesPerRun: number
}

export type MovesConfig = {
  /** How long a move waits for the old domain's outbox to hand the account's events to the firehose before it gives up (retryable). */
  drainTimeoutMs: number
  /** How often journalled moves a crash or an outage cut short are looked for and finished or undone. */
  sweepIntervalSeconds: number
  /** How long one domain owner's consent to a move (host.primal.pds.moveAccount) waits for the other owner's. */
  consentTtlSeconds: number
}

/** The OAuth authorization server's pages and which apps it trusts. */
export type OAuthConfig = {
  /** Shown on the sign-in, account and consent pages (default "primal-pds"). */
  name: string
  /** An https: or data: URL of a logo for those pages. */
  logo?: string
  /** The pages' primary color (CSS hex, e.g. "#1083fe"). */
  primaryColor?: string
  /** Client ids (their metadata URLs) shown without the provider's "unverified app" warning. */
  trustedClients: string[]
}

export type GcConfig = {
  /** How often the sweeper runs. */
  intervalSeconds: number
  /** How long blocks a commit dropped are kept, so CAR exports started earlier stay whole. */
  droppedBlockGraceSeconds: number
  /** How long a blob no record uses is kept (time for the client to write the record). */
  unusedBlobGraceSeconds: number
}

export type MetricsConfig = {
  /** Serve /metrics without the admin key (for a Prometheus on a private network). */
  public: boolean
}

export type TraefikConfig = {
  dynamicDir: string
  entryPoints: string[]
  certResolver: string
  serviceUrl: string
}

export type RetryConfig = {
  /** Tries in all, the first included (0: keep trying until it works or the server stops). */
  attempts: number
  /** Wait before the first retry; doubled each time up to maxDelayMs. */
  initialDelayMs: number
  maxDelayMs: number
}

export type HandlesConfig = {
  /** Reserve the built-in list of names (www, pds, admin, api, mail, support, …) under every hosted domain. */
  reserveDefaults: boolean
  /** More names (first labels) reserved under every hosted domain. */
  reserved: string[]
  /** Built-in names to give out after all. */
  allowed: string[]
  /** Hostnames this service answers on besides serviceURL's and traefik.serviceUrl's: never a handle. */
  serviceHostnames: string[]
}

export type IdentityConfig = {
  /**
   * DNS servers for handles' `_atproto` TXT records, as `ip` or `ip:port`
   * (`[ipv6]:port`); empty: the system's (/etc/resolv.conf).
   */
  dnsServers: string[]
  /** How long one DNS query, well-known fetch or DID document fetch may take. */
  timeoutMs: number
  /**
   * For tests and local development: DID documents and handles' well-known
   * DIDs are fetched from this machine only (http allowed), and nowhere else.
   * Off, they are fetched over https from public addresses only (DID
   * documents from private ones too with proxy.allowPrivateNetwork).
   */
  loopbackOnly: boolean
  /**
   * Where a handle's DID is fetched, `{handle}` replaced by the handle: only
   * with loopbackOnly (a test's own well-known host); the protocol's
   * https://{handle}/.well-known/atproto-did otherwise.
   */
  handleWellKnownUrl: string
}

/** A budget: `points` requests (or writes) per `windowSeconds`; 0 points turns the limit off. */
export type RateLimitRule = { points: number; windowSeconds: number }

export type RateLimitsConfig = {
  /** Every request per client IP (XRPC, /discover, /mcp, /subscribe, WebSocket upgrades); not health checks or /metrics. */
  requestsPerIp: RateLimitRule
  /** Requests per client IP to the agent-facing surface (is.gather.* XRPC, /discover, /mcp). */
  agentRequestsPerIp: RateLimitRule
  /** Agents registered (is.gather.agent.register calls accepted) per client IP; refused attempts are not counted. */
  registrationsPerIp: RateLimitRule
  /** Writes per agent account that is not trusted yet. */
  newAgentWrites: RateLimitRule
  /** Writes per trusted agent account (marked by a domain manager) and per domain owner or admin. */
  trustedAgentWrites: RateLimitRule
  /** Writes per account that is not an agent. */
  accountWrites: RateLimitRule
  /** Logins per account, whichever IP they come from: createSession, and agent login challenges apart. */
  loginsPerAccount: RateLimitRule
  /** The same logins, over a longer window. */
  loginsPerAccountDaily: RateLimitRule
  /** Mails with a code sent to one account (confirmation, email change, password reset, deletion, sign-in codes). */
  mailsPerAccount: RateLimitRule
  /** The same mails, over a longer window. */
  mailsPerAccountDaily: RateLimitRule
  /** requestPasswordReset and resetPassword calls per client IP, right code or wrong (codes are guessed there). */
  passwordResetsPerIp: RateLimitRule
}

/** What com.atproto.server.describeServer tells clients about this server; each absent unless set. */
export type ServerInfoConfig = {
  privacyPolicyUrl?: string
  termsOfServiceUrl?: string
  /** Where users reach the operator. */
  contactEmail?: string
}

export type AgentsConfig = {
  /** Whether a domain without its own setting accepts agent registration. */
  registrationDefault: boolean
  /** Leading zero bits of SHA-256 a registration's proof of work needs, for domains without their own setting. */
  powDifficulty: number
  /** How long a registration challenge may be solved and used. */
  registrationChallengeSeconds: number
  /** How long a login (or key rotation) challenge may be signed and used. */
  loginChallengeSeconds: number
  /** The fewest counted reviews a listing needs to be ranked by rating (is.gather.skill.getLeaderboard's default minReviews). */
  leaderboardMinReviews: number
}

export type InvitesConfig = {
  /**
   * Whether a domain without its own setting (host.primal.pds.updateDomain's
   * inviteRequired) takes sign-ups only with an invite code, as the official
   * PDS's PDS_INVITE_REQUIRED.
   */
  required: boolean
  /**
   * Every this many milliseconds of an account's life earns it one invite code
   * (getAccountInviteCodes, on domains that require codes), as
   * PDS_INVITE_INTERVAL; null: accounts earn none.
   */
  intervalMs: number | null
  /** Earned codes count only from this instant (epoch milliseconds), as PDS_INVITE_EPOCH. */
  epochMs: number
  /** Most codes one createInviteCodes call may make (codeCount times the accounts named). */
  maxCodesPerCall: number
}

/** A service this PDS forwards calls to: where it answers, and the DID its service-auth tokens name. */
export type ServiceEndpointConfig = { url: string; did: string }

/** The AppView, and where the image URLs of views this PDS makes itself point (read-after-write). */
export type AppViewConfig = ServiceEndpointConfig & {
  /**
   * A printf pattern with three %s: the image preset (avatar, banner,
   * feed_thumbnail, feed_fullsize), the DID, the blob CID, as the official
   * PDS's cdnUrlPattern; absent: the blob from this server's getBlob.
   */
  cdnUrlPattern?: string
}

export type ProxyConfig = {
  /** How long a service may take to send its answer's headers; past it, 502 UpstreamFailure. */
  headersTimeoutMs: number
  /** How long a service's answer may go without a byte; past it, the answer is cut. */
  bodyTimeoutMs: number
  /**
   * Services named by a DID document (an atproto-proxy header) may be at http:
   * or loopback and private addresses, and did:web documents may be fetched
   * from such addresses: for a test network, never the internet.
   */
  allowPrivateNetwork: boolean
  /**
   * The largest AppView answer read whole to show the caller's newest
   * records in it (read-after-write), compressed or decoded; a larger one is
   * passed on untouched.
   */
  readAfterWriteMaxBytes: number
  /**
   * All the answers read whole for read-after-write at once may hold this
   * much (each counts twice its limit: read and decoded); past it, answers
   * are passed on untouched.
   */
  readAfterWriteMemoryBytes: number
}

/** Outgoing mail (email confirmation, password reset, account deletion, sign-in codes). */
export type EmailConfig = {
  /** Where mail is sent: smtp:// or smtps://, with user:password@ when the server wants a login. */
  smtpUrl: string
  /** The sender of mail for a domain that has not set its own (host.primal.pds.updateDomain emailFrom). */
  from: string
  /** The longest one send may take (connect, greeting, every command); past it the attempt fails and is retried. */
  sendTimeoutMs: number
  /** How a refused or failed send is retried; after the last attempt the mail is given up (logged). */
  retry: RetryConfig
  /** How often every tenant's queue is swept for mail due (a retry's time come, a signal lost). */
  sweepIntervalMs: number
}

export type Config = {
  serviceURL: string
  port: number
  host: string
  /**
   * Which peers' X-Forwarded-For / -Host / -Proto to believe (Express "trust
   * proxy"): the client IP the rate limits count by comes from there.
   */
  trustProxy: string
  adminKey: string
  jwtSecret: string
  keyEncryptionKey: string
  registrationOpen: boolean
  /** Invite codes: whether sign-up needs one, and the codes accounts earn. */
  invites: InvitesConfig
  serverInfo: ServerInfoConfig
  /** Absent: the embedded PGlite database under dataDir. */
  database?: DatabaseConfig
  dataDir: string
  plcEndpoint?: string
  plcRotationKey: string
  /** How PLC directory requests are retried before a request that needs them fails. */
  plcRetry: RetryConfig
  relays: string[]
  /** How requestCrawl to a relay is retried (never fatal). */
  relayRetry: RetryConfig
  relayCheck: RelayCheckConfig
  webhooks: WebhooksConfig
  traefik?: TraefikConfig
  /** Where app.bsky.* calls without an atproto-proxy header go (null: nowhere, 501). */
  appView: AppViewConfig | null
  /** Where chat.bsky.* calls without an atproto-proxy header go (null: nowhere, 501). */
  chat: ServiceEndpointConfig | null
  /** Where com.atproto.moderation.createReport without an atproto-proxy header goes (null: nowhere, 501). */
  moderation: ServiceEndpointConfig | null
  /** How calls are forwarded to those services and to the ones atproto-proxy names. */
  proxy: ProxyConfig
  /** Which handles are kept from accounts (service hostnames always; reserved names without the admin key). */
  handles: HandlesConfig
  /** How handles and DIDs beyond our own are resolved. */
  identity: IdentityConfig
  limits: LimitsConfig
  rateLimits: RateLimitsConfig
  agents: AgentsConfig
  gc: GcConfig
  /** Noticing departures at the PLC directory (needs plcEndpoint). */
  plcFollow: PlcFollowConfig
  moves: MovesConfig
  oauth: OAuthConfig
  firehose: FirehoseConfig
  metrics: MetricsConfig
  /** Absent: no mail is sent, and the methods that need it answer 400 saying so. */
  email?: EmailConfig
  /** On SIGTERM/SIGINT: how long in-flight requests and the firehose's last events may take before sockets are cut. */
  shutdownTimeoutMs: number
  logLevel: string
}

/** What db.json may hold: the same fields, every one optional. */
export type RawConfig = Record<string, unknown>

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

export const DEFAULT_LIMITS: LimitsConfig = {
  bodyBytes: 2 * 1024 * 1024,
  recordBytes: 1024 * 1024,
  blobBytes: 1_000_000,
  listPageSize: 100,
  applyWritesMax: 200,
  // Traefik's own read timeout in front of us is 60 s: a request it would cut anyway is not waited on longer.
  requestTimeoutMs: 60_000,
  // As the official PDS, and as long as Traefik keeps idle connections to us: the proxy, not we, retires them.
  keepAliveTimeoutMs: 90_000,
  // Half of libuv's four threads: a login flood leaves the other two to files and DNS.
  passwordHashConcurrency: 2,
  // About two seconds of checks at ~40 ms each, two at a time.
  passwordHashQueue: 100,
  // The official PDS sets no bound; one client per app password leaves room for every client a person uses.
  appPasswordsPerAccount: 50,
  // Bluesky's app asks for names of at most 32 characters; room to spare for other clients.
  appPasswordNameLength: 100,
  // The official PDS sets none; 256 MiB holds the repos of all but the most prolific accounts (a CAR
  // of records alone, blobs come apart) and is what one import may hold in memory at once.
  importRepoBytes: 256 * 1024 * 1024,
  importRepoMemoryBytes: 512 * 1024 * 1024,
}

/** Bluesky's public services, as the official PDS's installer configures them (chat is the app's own choice). */
export const DEFAULT_APP_VIEW: ServiceEndpointConfig = { url: 'https://api.bsky.app', did: 'did:web:api.bsky.app' }
export const DEFAULT_CHAT: ServiceEndpointConfig = { url: 'https://api.bsky.chat', did: 'did:web:api.bsky.chat' }
export const DEFAULT_MODERATION: ServiceEndpointConfig = {
  url: 'https://mod.bsky.app',
  did: 'did:plc:ar7c4by46qjdydhdevvrndac',
}

/** The official PDS's proxy timeouts. */
export const DEFAULT_PROXY: ProxyConfig = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  allowPrivateNetwork: false,
  // Timelines and threads are tens of KiB; a few MiB leaves room for a long page of large posts.
  readAfterWriteMaxBytes: 4 * 1024 * 1024,
  // Room for four answers at the largest at once: the read is needed only just after a write.
  readAfterWriteMemoryBytes: 32 * 1024 * 1024,
}

/** Proxies on this machine or a private network (Traefik beside us): a client on the internet cannot claim another IP. */
export const DEFAULT_TRUST_PROXY = 'loopback, linklocal, uniquelocal'

export const DEFAULT_RATE_LIMITS: RateLimitsConfig = {
  // The official PDS's global per-IP limit.
  requestsPerIp: { points: 3000, windowSeconds: 300 },
  agentRequestsPerIp: { points: 60, windowSeconds: 60 },
  registrationsPerIp: { points: 10, windowSeconds: 3600 },
  newAgentWrites: { points: 20, windowSeconds: 60 },
  trustedAgentWrites: { points: 120, windowSeconds: 60 },
  // The official PDS allows 5000 points an hour at 3 a create (~1666 creates); a write call here is one point
  // whatever it does, so a little under that, and still ~25 a minute for an hour on end.
  accountWrites: { points: 1500, windowSeconds: 3600 },
  // The official PDS's createSession limits (it counts them per identifier and IP).
  loginsPerAccount: { points: 30, windowSeconds: 300 },
  loginsPerAccountDaily: { points: 300, windowSeconds: 86_400 },
  // The official PDS's limits on requestEmailConfirmation, requestEmailUpdate and requestAccountDelete, per account.
  mailsPerAccount: { points: 5, windowSeconds: 3600 },
  mailsPerAccountDaily: { points: 15, windowSeconds: 86_400 },
  // The official PDS's resetPassword limit (it counts requestPasswordReset apart, 15 an hour).
  passwordResetsPerIp: { points: 50, windowSeconds: 300 },
}

// The official installer has required invite codes by default since sign-up floods in 2026.
export const DEFAULT_INVITES: InvitesConfig = { required: true, intervalMs: null, epochMs: 0, maxCodesPerCall: 1000 }

export const DEFAULT_AGENTS: AgentsConfig = {
  registrationDefault: false,
  powDifficulty: 20,
  registrationChallengeSeconds: 600,
  loginChallengeSeconds: 120,
  leaderboardMinReviews: 3,
}

/** Proof of work harder than this would take an agent hours: refused as a setting. */
export const MAX_POW_DIFFICULTY = 32

export const DEFAULT_FIREHOSE: FirehoseConfig = {
  retentionSeconds: 72 * 3600,
  retentionEvents: 0,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxLagEvents: 10_000,
  stallTimeoutMs: 30_000,
  replayPageBytes: 1024 * 1024,
  replayMemoryBytes: 32 * 1024 * 1024,
  maxSubscribers: 1000,
  // Room for a relay's few connections and a benchmark's 50 from one host, not for one client taking the server's 1000.
  maxSubscribersPerIp: 100,
  maxMessageBytes: 64 * 1024,
  // 10,000 DIDs of up to ~40 bytes each, JSON-quoted, with room to spare (Jetstream itself takes up to 10 MB).
  maxOptionsUpdateBytes: 1024 * 1024,
  ringSize: 10_000,
  ringBytes: 64 * 1024 * 1024,
  jsonCacheBytes: 32 * 1024 * 1024,
  hostEventsPerSecond: 0,
}

/** Within the 10 s a container runtime usually grants between SIGTERM and SIGKILL, with room to close the pools. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 8000

export const DEFAULT_PLC_FOLLOW: PlcFollowConfig = { intervalSeconds: 60, pageSize: 1000, maxPagesPerRun: 100 }
export const DEFAULT_RELAY_CHECK: RelayCheckConfig = { intervalSeconds: 300, timeoutMs: 10_000 }

export const DEFAULT_WEBHOOKS: WebhooksConfig = {
  enabled: true,
  allowPrivateNetwork: false,
  maxPerAccount: 10,
  maxQueued: 10_000,
  pauseAfterFailures: 20,
  retryBaseMs: 1000,
  retryMaxMs: 3_600_000,
  timeoutMs: 10_000,
  concurrency: 8,
  pollMs: 1000,
}
export const DEFAULT_MOVES: MovesConfig = { drainTimeoutMs: 10_000, sweepIntervalSeconds: 60, consentTtlSeconds: 3600 }

export const DEFAULT_GC: GcConfig = {
  intervalSeconds: 300,
  droppedBlockGraceSeconds: 3600,
  unusedBlobGraceSeconds: 3600,
}

export const DEFAULT_HANDLE_WELL_KNOWN_URL = 'https://{handle}/.well-known/atproto-did'

export const DEFAULT_IDENTITY: IdentityConfig = {
  dnsServers: [],
  // As @atproto/identity's resolvers.
  timeoutMs: 3000,
  loopbackOnly: false,
  handleWellKnownUrl: DEFAULT_HANDLE_WELL_KNOWN_URL,
}

/** About half an hour of retries in all: longer than an email token lives (15 minutes). */
export const DEFAULT_EMAIL_RETRY: RetryConfig = { attempts: 10, initialDelayMs: 5000, maxDelayMs: 10 * 60 * 1000 }
export const DEFAULT_EMAIL_SEND_TIMEOUT_MS = 30_000
export const DEFAULT_EMAIL_SWEEP_INTERVAL_MS = 60_000

export const DEFAULT_PLC_RETRY: RetryConfig = { attempts: 4, initialDelayMs: 250, maxDelayMs: 4000 }
export const DEFAULT_RELAY_RETRY: RetryConfig = { attempts: 0, initialDelayMs: 1000, maxDelayMs: 10 * 60 * 1000 }

/** The management pool gets a fifth of the connections (2..8): it serves every request's DID lookup. */
export function managementPoolSize(maxConnections: number): number {
  return Math.min(8, Math.max(2, Math.floor(maxConnections / 5)))
}

/** What tenant pools share: the rest, less the LISTEN connection and the sequencer's lock connection. */
export function tenantConnectionBudget(maxConnections: number): number {
  return maxConnections - managementPoolSize(maxConnections) - 2
}

export const DEFAULT_DATABASE = {
  maxConnections: 40,
  tenantPoolSize: 4,
  idleTimeoutMs: 30_000,
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']
const KNOWN_FIELDS = new Set([
  'serviceURL',
  'port',
  'host',
  'trustProxy',
  'adminKey',
  'jwtSecret',
  'keyEncryptionKey',
  'registrationOpen',
  'invites',
  'serverInfo',
  'database',
  'dataDir',
  'plcEndpoint',
  'plcRotationKey',
  'plcRetry',
  'plcFollow',
  'relays',
  'relayRetry',
  'relayCheck',
  'webhooks',
  'traefik',
  'appView',
  'chat',
  'moderation',
  'proxy',
  'handles',
  'identity',
  'limits',
  'rateLimits',
  'agents',
  'gc',
  'moves',
  'oauth',
  'firehose',
  'metrics',
  'email',
  'shutdownTimeoutMs',
  'logLevel',
  '$comment',
])

/** Collects problems while reading fields, so all of them are reported at once. */
class FieldReader {
  readonly problems: string[] = []

  constructor(readonly source: string) {}

  fail(field: string, expected: string, value: unknown): undefined {
    this.problems.push(`${this.source}: "${field}" must be ${expected} (got ${JSON.stringify(value)})`)
    return undefined
  }

  string(obj: RawConfig, key: string, field = key): string | undefined {
    const v = obj[key]
    if (v === undefined) return undefined
    return typeof v === 'string' ? v : this.fail(field, 'a string', v)
  }

  boolean(obj: RawConfig, key: string, field = key): boolean | undefined {
    const v = obj[key]
    if (v === undefined) return undefined
    return typeof v === 'boolean' ? v : this.fail(field, 'true or false', v)
  }

  int(obj: RawConfig, key: string, min: number, max: number, field = key): number | undefined {
    const v = obj[key]
    if (v === undefined) return undefined
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v
    return this.fail(field, `an integer from ${min} to ${max}`, v)
  }

  url(obj: RawConfig, key: string, protocols: string[], field = key): string | undefined {
    const v = this.string(obj, key, field)
    if (v === undefined || v === '') return v
    try {
      const u = new URL(v)
      if (protocols.includes(u.protocol)) return v
    } catch {}
    return this.fail(field, `a URL (${protocols.join(' or ')})`, v)
  }

  hex(obj: RawConfig, key: string, bytes: number, field = key): string | undefined {
    const v = this.string(obj, key, field)
    if (v === undefined || v === '') return v
    if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) return v.toLowerCase()
    return this.fail(field, `empty or ${bytes * 2} hex characters`, '<redacted>')
  }

  object(obj: RawConfig, key: string, field = key): RawConfig | undefined {
    const v = obj[key]
    if (v === undefined) return undefined
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as RawConfig
    return this.fail(field, 'an object', v)
  }

  stringArray(obj: RawConfig, key: string, field = key): string[] | undefined {
    const v = obj[key]
    if (v === undefined) return undefined
    if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v as string[]
    return this.fail(field, 'an array of strings', v)
  }
}

/**
 * Validates raw config values (db.json merged with environment overrides)
 * and fills in defaults. Throws ConfigError listing every problem.
 */
export function validateConfig(raw: RawConfig, source: string, cwd: string): Config {
  const r = new FieldReader(source)
  for (const key of Object.keys(raw)) {
    if (!KNOWN_FIELDS.has(key)) r.problems.push(`${source}: unknown field "${key}"`)
  }
  const port = r.int(raw, 'port', 0, 65535) ?? 2583
  const serviceURL = r.url(raw, 'serviceURL', ['http:', 'https:']) || `http://localhost:${port || 2583}`
  const logLevel = r.string(raw, 'logLevel') ?? 'info'
  if (!LOG_LEVELS.includes(logLevel)) r.fail('logLevel', `one of ${LOG_LEVELS.join(', ')}`, logLevel)
  const plcRotationKey = r.hex(raw, 'plcRotationKey', 32) ?? ''
  const config: Config = {
    serviceURL: serviceURL.replace(/\/+$/, ''),
    port,
    host: r.string(raw, 'host') ?? '0.0.0.0',
    trustProxy: readTrustProxy(r, raw),
    adminKey: r.string(raw, 'adminKey') ?? '',
    jwtSecret: r.string(raw, 'jwtSecret') ?? '',
    keyEncryptionKey: r.hex(raw, 'keyEncryptionKey', 32) ?? '',
    registrationOpen: r.boolean(raw, 'registrationOpen') ?? false,
    invites: readInvites(r, raw),
    serverInfo: readServerInfo(r, raw),
    database: readDatabase(r, raw),
    dataDir: resolvePath(cwd, r.string(raw, 'dataDir') || './data'),
    plcEndpoint: r.url(raw, 'plcEndpoint', ['http:', 'https:']) || undefined,
    plcRotationKey,
    plcRetry: readRetry(r, raw, 'plcRetry', DEFAULT_PLC_RETRY, 1),
    relays: r.stringArray(raw, 'relays') ?? [],
    relayRetry: readRetry(r, raw, 'relayRetry', DEFAULT_RELAY_RETRY, 0),
    relayCheck: readRelayCheck(r, raw),
    webhooks: readWebhooks(r, raw),
    traefik: readTraefik(r, raw, cwd, port),
    appView: readAppView(r, raw),
    chat: readServiceEndpoint(r, raw, 'chat', DEFAULT_CHAT),
    moderation: readServiceEndpoint(r, raw, 'moderation', DEFAULT_MODERATION),
    proxy: readProxy(r, raw),
    handles: readHandles(r, raw),
    identity: readIdentity(r, raw),
    limits: readLimits(r, raw),
    rateLimits: readRateLimits(r, raw),
    agents: readAgents(r, raw),
    gc: readGc(r, raw),
    plcFollow: readPlcFollow(r, raw),
    moves: readMoves(r, raw),
    oauth: readOAuth(r, raw),
    firehose: readFirehose(r, raw),
    metrics: readMetrics(r, raw),
    email: readEmail(r, raw),
    shutdownTimeoutMs: r.int(raw, 'shutdownTimeoutMs', 0, 600_000) ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    logLevel,
  }
  if (config.adminKey && config.adminKey.length < 16) {
    r.problems.push(`${source}: "adminKey" must be empty (generated) or at least 16 characters`)
  }
  if (config.jwtSecret && config.jwtSecret.length < 32) {
    r.problems.push(`${source}: "jwtSecret" must be empty (generated) or at least 32 characters`)
  }
  config.relays.forEach((relay, i) => {
    r.url({ relay }, 'relay', ['http:', 'https:'], `relays[${i}]`)
  })
  if (r.problems.length > 0) throw new ConfigError(r.problems)
  return config
}

function readDatabase(r: FieldReader, raw: RawConfig): DatabaseConfig | undefined {
  const db = r.object(raw, 'database')
  if (!db) return undefined
  const url = r.url(db, 'url', ['postgres:', 'postgresql:'], 'database.url')
  const cfg = {
    maxConnections:
      r.int(db, 'maxConnections', 5, 10_000, 'database.maxConnections') ?? DEFAULT_DATABASE.maxConnections,
    tenantPoolSize: r.int(db, 'tenantPoolSize', 1, 1000, 'database.tenantPoolSize') ?? DEFAULT_DATABASE.tenantPoolSize,
    idleTimeoutMs:
      r.int(db, 'idleTimeoutMs', 100, 86_400_000, 'database.idleTimeoutMs') ?? DEFAULT_DATABASE.idleTimeoutMs,
  }
  if (cfg.tenantPoolSize > tenantConnectionBudget(cfg.maxConnections)) {
    r.problems.push(
      `${r.source}: "database.tenantPoolSize" must be at most ${tenantConnectionBudget(cfg.maxConnections)}: database.maxConnections less the management pool (${managementPoolSize(cfg.maxConnections)}) and 2 coordination connections`,
    )
  }
  if (!url) return undefined
  const dbName = decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'primal_pds'
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(dbName)) {
    r.fail('database.url', 'a URL whose database name matches [a-z][a-z0-9_]{0,39}', dbName)
  }
  return { url, ...cfg }
}

/** The AppView's `{ url, did }` and its optional cdnUrlPattern, or false or null to turn it off. */
function readAppView(r: FieldReader, raw: RawConfig): AppViewConfig | null {
  const endpoint = readServiceEndpoint(r, raw, 'appView', DEFAULT_APP_VIEW, ['cdnUrlPattern'])
  const o = raw.appView
  if (!endpoint || typeof o !== 'object' || o === null) return endpoint
  const pattern = r.string(o as RawConfig, 'cdnUrlPattern', 'appView.cdnUrlPattern')
  if (pattern === undefined) return endpoint
  // Filled in with util.format as the official PDS does: exactly the three %s it fills, and a web URL after.
  const filled = pattern.replaceAll('%s', 'x')
  if (
    pattern.split('%s').length !== 4 ||
    filled.includes('%') ||
    !/^https?:\/\/[^/]/.test(filled) ||
    !URL.canParse(filled)
  ) {
    r.fail('appView.cdnUrlPattern', 'an http(s) URL pattern with exactly three %s (preset, did, cid)', pattern)
    return endpoint
  }
  return { ...endpoint, cdnUrlPattern: pattern }
}

/** `{ url, did }`, or false or null to turn the service off; absent: `d`. */
function readServiceEndpoint(
  r: FieldReader,
  raw: RawConfig,
  key: string,
  d: ServiceEndpointConfig,
  more: string[] = [],
): ServiceEndpointConfig | null {
  const v = raw[key]
  if (v === undefined) return d
  if (v === false || v === null) return null
  const o = r.object(raw, key)
  if (!o) return null
  for (const field of Object.keys(o)) {
    if (field !== 'url' && field !== 'did' && !more.includes(field)) {
      r.problems.push(`${r.source}: unknown field "${key}.${field}"`)
    }
  }
  const url = r.url(o, 'url', ['http:', 'https:'], `${key}.url`)
  const did = r.string(o, 'did', `${key}.did`)
  if (!url) r.problems.push(`${r.source}: "${key}.url" is required (or set "${key}" to false to turn it off)`)
  // The DID names the service in the tokens it is sent and in atproto-proxy headers: a plain did:plc or did:web.
  if (did === undefined || !/^did:(plc:[a-z2-7]{24}|web:[a-zA-Z0-9._%-]+)$/.test(did)) {
    r.fail(`${key}.did`, 'a did:plc or did:web (no #fragment)', did)
  }
  return url && did ? { url: url.replace(/\/+$/, ''), did } : null
}

function readProxy(r: FieldReader, raw: RawConfig): ProxyConfig {
  const p = r.object(raw, 'proxy') ?? {}
  for (const key of Object.keys(p)) {
    if (!(key in DEFAULT_PROXY)) r.problems.push(`${r.source}: unknown field "proxy.${key}"`)
  }
  const d = DEFAULT_PROXY
  return {
    headersTimeoutMs: r.int(p, 'headersTimeoutMs', 100, 600_000, 'proxy.headersTimeoutMs') ?? d.headersTimeoutMs,
    bodyTimeoutMs: r.int(p, 'bodyTimeoutMs', 100, 600_000, 'proxy.bodyTimeoutMs') ?? d.bodyTimeoutMs,
    allowPrivateNetwork: r.boolean(p, 'allowPrivateNetwork', 'proxy.allowPrivateNetwork') ?? d.allowPrivateNetwork,
    readAfterWriteMaxBytes:
      r.int(p, 'readAfterWriteMaxBytes', 1024, 256 * 1024 * 1024, 'proxy.readAfterWriteMaxBytes') ??
      d.readAfterWriteMaxBytes,
    readAfterWriteMemoryBytes:
      r.int(p, 'readAfterWriteMemoryBytes', 2048, 4 * 1024 * 1024 * 1024, 'proxy.readAfterWriteMemoryBytes') ??
      d.readAfterWriteMemoryBytes,
  }
}

function readServerInfo(r: FieldReader, raw: RawConfig): ServerInfoConfig {
  const o = r.object(raw, 'serverInfo') ?? {}
  for (const key of Object.keys(o)) {
    if (!['privacyPolicyUrl', 'termsOfServiceUrl', 'contactEmail'].includes(key)) {
      r.problems.push(`${r.source}: unknown field "serverInfo.${key}"`)
    }
  }
  const web = ['http:', 'https:']
  const contactEmail = r.string(o, 'contactEmail', 'serverInfo.contactEmail')
  if (contactEmail && !/^[^\s@]{1,64}@[^\s@]{1,253}$/.test(contactEmail)) {
    r.fail('serverInfo.contactEmail', 'an email address', contactEmail)
  }
  // Empty strings, as in db.json.example, leave a field unsaid.
  return {
    privacyPolicyUrl: r.url(o, 'privacyPolicyUrl', web, 'serverInfo.privacyPolicyUrl') || undefined,
    termsOfServiceUrl: r.url(o, 'termsOfServiceUrl', web, 'serverInfo.termsOfServiceUrl') || undefined,
    contactEmail: contactEmail || undefined,
  }
}

function readHandles(r: FieldReader, raw: RawConfig): HandlesConfig {
  const h = r.object(raw, 'handles') ?? {}
  for (const key of Object.keys(h)) {
    if (!['reserveDefaults', 'reserved', 'allowed', 'serviceHostnames'].includes(key)) {
      r.problems.push(`${r.source}: unknown field "handles.${key}"`)
    }
  }
  const list = (key: keyof HandlesConfig, pattern: RegExp, expected: string): string[] => {
    const names = (r.stringArray(h, key, `handles.${key}`) ?? []).map((n) => n.trim().toLowerCase())
    const bad = names.find((n) => !pattern.test(n))
    if (bad !== undefined) r.fail(`handles.${key}`, expected, bad)
    return names
  }
  const label = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/
  const hostname = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/
  return {
    reserveDefaults: r.boolean(h, 'reserveDefaults', 'handles.reserveDefaults') ?? true,
    reserved: list('reserved', label, 'a list of DNS labels (the first part of a handle)'),
    allowed: list('allowed', label, 'a list of DNS labels (the first part of a handle)'),
    serviceHostnames: list('serviceHostnames', hostname, 'a list of hostnames'),
  }
}

function readIdentity(r: FieldReader, raw: RawConfig): IdentityConfig {
  const o = r.object(raw, 'identity') ?? {}
  const d = DEFAULT_IDENTITY
  for (const key of Object.keys(o)) {
    if (!(key in d)) r.problems.push(`${r.source}: unknown field "identity.${key}"`)
  }
  const dnsServers = r.stringArray(o, 'dnsServers', 'identity.dnsServers') ?? d.dnsServers
  const bad = dnsServers.find((s) => !isDnsServer(s))
  if (bad !== undefined) r.fail('identity.dnsServers', 'a list of ip or ip:port ([ipv6]:port)', bad)
  const loopbackOnly = r.boolean(o, 'loopbackOnly', 'identity.loopbackOnly') ?? d.loopbackOnly
  const handleWellKnownUrl =
    r.url(o, 'handleWellKnownUrl', ['http:', 'https:'], 'identity.handleWellKnownUrl') || d.handleWellKnownUrl
  if (!handleWellKnownUrl.includes('{handle}')) {
    r.fail('identity.handleWellKnownUrl', 'a URL with {handle} in it', handleWellKnownUrl)
  }
  if (handleWellKnownUrl !== d.handleWellKnownUrl && !loopbackOnly) {
    r.problems.push(`${r.source}: "identity.handleWellKnownUrl" may be changed only with identity.loopbackOnly`)
  }
  return {
    dnsServers,
    timeoutMs: r.int(o, 'timeoutMs', 10, 60_000, 'identity.timeoutMs') ?? d.timeoutMs,
    loopbackOnly,
    handleWellKnownUrl,
  }
}

/** What node:dns setServers takes: an IP, or an IP with a port (an IPv6 one in brackets). */
function isDnsServer(s: string): boolean {
  if (isIP(s) !== 0) return true
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(s)
  if (!m) return false
  const ip = m[1] ?? m[2] ?? ''
  return isIP(ip) === (m[1] ? 6 : 4) && Number(m[3]) > 0 && Number(m[3]) < 65536
}

function readLimits(r: FieldReader, raw: RawConfig): LimitsConfig {
  const limits = r.object(raw, 'limits') ?? {}
  const MiB = 1024 * 1024
  return {
    bodyBytes: r.int(limits, 'bodyBytes', 1024, 100 * MiB, 'limits.bodyBytes') ?? DEFAULT_LIMITS.bodyBytes,
    recordBytes: r.int(limits, 'recordBytes', 1024, 100 * MiB, 'limits.recordBytes') ?? DEFAULT_LIMITS.recordBytes,
    blobBytes: r.int(limits, 'blobBytes', 1024, 10_000 * MiB, 'limits.blobBytes') ?? DEFAULT_LIMITS.blobBytes,
    listPageSize: r.int(limits, 'listPageSize', 1, 10_000, 'limits.listPageSize') ?? DEFAULT_LIMITS.listPageSize,
    applyWritesMax:
      r.int(limits, 'applyWritesMax', 1, 10_000, 'limits.applyWritesMax') ?? DEFAULT_LIMITS.applyWritesMax,
    requestTimeoutMs:
      r.int(limits, 'requestTimeoutMs', 1000, 3_600_000, 'limits.requestTimeoutMs') ?? DEFAULT_LIMITS.requestTimeoutMs,
    keepAliveTimeoutMs:
      r.int(limits, 'keepAliveTimeoutMs', 1000, 3_600_000, 'limits.keepAliveTimeoutMs') ??
      DEFAULT_LIMITS.keepAliveTimeoutMs,
    passwordHashConcurrency:
      r.int(limits, 'passwordHashConcurrency', 1, 64, 'limits.passwordHashConcurrency') ??
      DEFAULT_LIMITS.passwordHashConcurrency,
    passwordHashQueue:
      r.int(limits, 'passwordHashQueue', 0, 100_000, 'limits.passwordHashQueue') ?? DEFAULT_LIMITS.passwordHashQueue,
    appPasswordsPerAccount:
      r.int(limits, 'appPasswordsPerAccount', 0, 10_000, 'limits.appPasswordsPerAccount') ??
      DEFAULT_LIMITS.appPasswordsPerAccount,
    appPasswordNameLength:
      r.int(limits, 'appPasswordNameLength', 1, 10_000, 'limits.appPasswordNameLength') ??
      DEFAULT_LIMITS.appPasswordNameLength,
    importRepoBytes:
      r.int(limits, 'importRepoBytes', 1024, 16_384 * MiB, 'limits.importRepoBytes') ?? DEFAULT_LIMITS.importRepoBytes,
    importRepoMemoryBytes:
      r.int(limits, 'importRepoMemoryBytes', 1024, 65_536 * MiB, 'limits.importRepoMemoryBytes') ??
      DEFAULT_LIMITS.importRepoMemoryBytes,
  }
}

/** Express "trust proxy": a hop count, or a list of addresses, CIDRs and the names loopback, linklocal, uniquelocal. */
function readTrustProxy(r: FieldReader, raw: RawConfig): string {
  const v = r.string(raw, 'trustProxy')
  if (v === undefined) return DEFAULT_TRUST_PROXY
  const names = new Set(['loopback', 'linklocal', 'uniquelocal'])
  const ok =
    /^\d{1,2}$/.test(v) ||
    v
      .split(',')
      .map((t) => t.trim())
      .every((t) => {
        const [ip, bits, ...rest] = t.split('/')
        return (
          names.has(t) || (isIP(ip ?? '') !== 0 && rest.length === 0 && (bits === undefined || /^\d{1,3}$/.test(bits)))
        )
      })
  return ok
    ? v
    : (r.fail('trustProxy', 'a hop count or a list of IPs, CIDRs, loopback, linklocal, uniquelocal', v) ?? '')
}

function readRateLimits(r: FieldReader, raw: RawConfig): RateLimitsConfig {
  const o = r.object(raw, 'rateLimits') ?? {}
  const rule = (key: keyof RateLimitsConfig): RateLimitRule => {
    const d = DEFAULT_RATE_LIMITS[key]
    const v = r.object(o, key, `rateLimits.${key}`) ?? {}
    return {
      points: r.int(v, 'points', 0, 100_000_000, `rateLimits.${key}.points`) ?? d.points,
      windowSeconds: r.int(v, 'windowSeconds', 1, 86_400, `rateLimits.${key}.windowSeconds`) ?? d.windowSeconds,
    }
  }
  return {
    requestsPerIp: rule('requestsPerIp'),
    agentRequestsPerIp: rule('agentRequestsPerIp'),
    registrationsPerIp: rule('registrationsPerIp'),
    newAgentWrites: rule('newAgentWrites'),
    trustedAgentWrites: rule('trustedAgentWrites'),
    accountWrites: rule('accountWrites'),
    loginsPerAccount: rule('loginsPerAccount'),
    loginsPerAccountDaily: rule('loginsPerAccountDaily'),
    mailsPerAccount: rule('mailsPerAccount'),
    mailsPerAccountDaily: rule('mailsPerAccountDaily'),
    passwordResetsPerIp: rule('passwordResetsPerIp'),
  }
}

function readInvites(r: FieldReader, raw: RawConfig): InvitesConfig {
  const o = r.object(raw, 'invites') ?? {}
  const d = DEFAULT_INVITES
  for (const key of Object.keys(o)) {
    if (!(key in d)) r.problems.push(`${r.source}: unknown field "invites.${key}"`)
  }
  // null (or absent) interval: accounts earn no codes; a year is the longest interval that makes sense to earn one by.
  const intervalMs =
    o.intervalMs === null ? null : r.int(o, 'intervalMs', 60_000, 366 * 86_400_000, 'invites.intervalMs')
  return {
    required: r.boolean(o, 'required', 'invites.required') ?? d.required,
    intervalMs: intervalMs ?? d.intervalMs,
    epochMs: r.int(o, 'epochMs', 0, Number.MAX_SAFE_INTEGER, 'invites.epochMs') ?? d.epochMs,
    maxCodesPerCall: r.int(o, 'maxCodesPerCall', 1, 100_000, 'invites.maxCodesPerCall') ?? d.maxCodesPerCall,
  }
}

function readAgents(r: FieldReader, raw: RawConfig): AgentsConfig {
  const a = r.object(raw, 'agents') ?? {}
  const d = DEFAULT_AGENTS
  return {
    registrationDefault: r.boolean(a, 'registrationDefault', 'agents.registrationDefault') ?? d.registrationDefault,
    powDifficulty: r.int(a, 'powDifficulty', 0, MAX_POW_DIFFICULTY, 'agents.powDifficulty') ?? d.powDifficulty,
    registrationChallengeSeconds:
      r.int(a, 'registrationChallengeSeconds', 1, 86_400, 'agents.registrationChallengeSeconds') ??
      d.registrationChallengeSeconds,
    loginChallengeSeconds:
      r.int(a, 'loginChallengeSeconds', 1, 3600, 'agents.loginChallengeSeconds') ?? d.loginChallengeSeconds,
    leaderboardMinReviews:
      r.int(a, 'leaderboardMinReviews', 1, 1000, 'agents.leaderboardMinReviews') ?? d.leaderboardMinReviews,
  }
}

function readFirehose(r: FieldReader, raw: RawConfig): FirehoseConfig {
  const f = r.object(raw, 'firehose') ?? {}
  const d = DEFAULT_FIREHOSE
  const int = (key: keyof FirehoseConfig, min: number, max: number) =>
    r.int(f, key, min, max, `firehose.${key}`) ?? d[key]
  const replayPageBytes = int('replayPageBytes', 1024, 1024 * 1024 * 1024)
  const replayMemoryBytes = int('replayMemoryBytes', 1024, 64 * 1024 * 1024 * 1024)
  if (replayMemoryBytes < replayPageBytes) {
    r.problems.push(
      `${r.source}: "firehose.replayMemoryBytes" must be at least firehose.replayPageBytes (${replayPageBytes})`,
    )
  }
  return {
    retentionSeconds: int('retentionSeconds', 0, 365 * 86_400),
    retentionEvents: int('retentionEvents', 0, 1_000_000_000),
    maxBufferedBytes: int('maxBufferedBytes', 1024, 1024 * 1024 * 1024),
    maxLagEvents: int('maxLagEvents', 1, 10_000_000),
    stallTimeoutMs: int('stallTimeoutMs', 100, 3_600_000),
    replayPageBytes,
    replayMemoryBytes,
    maxSubscribers: int('maxSubscribers', 1, 1_000_000),
    maxSubscribersPerIp: int('maxSubscribersPerIp', 1, 1_000_000),
    maxMessageBytes: int('maxMessageBytes', 1024, 100 * 1024 * 1024),
    maxOptionsUpdateBytes: int('maxOptionsUpdateBytes', 1024, 100 * 1024 * 1024),
    ringSize: int('ringSize', 1, 10_000_000),
    ringBytes: int('ringBytes', 0, 64 * 1024 * 1024 * 1024),
    jsonCacheBytes: int('jsonCacheBytes', 0, 64 * 1024 * 1024 * 1024),
    hostEventsPerSecond: int('hostEventsPerSecond', 0, 100_000),
  }
}

function readMetrics(r: FieldReader, raw: RawConfig): MetricsConfig {
  const m = r.object(raw, 'metrics') ?? {}
  for (const key of Object.keys(m)) {
    if (key !== 'public') r.problems.push(`${r.source}: unknown field "metrics.${key}"`)
  }
  return { public: r.boolean(m, 'public', 'metrics.public') ?? false }
}

const EMAIL_FIELDS = ['smtpUrl', 'from', 'sendTimeoutMs', 'retry', 'sweepIntervalMs']

/** The `email` section: absent (or false) sends no mail; present, smtpUrl and from are required. */
function readEmail(r: FieldReader, raw: RawConfig): EmailConfig | undefined {
  if (raw.email === undefined || raw.email === false || raw.email === null) return undefined
  const o = r.object(raw, 'email')
  if (!o) return undefined
  for (const key of Object.keys(o)) {
    if (!EMAIL_FIELDS.includes(key)) r.problems.push(`${r.source}: unknown field "email.${key}"`)
  }
  const smtpUrl = r.url(o, 'smtpUrl', ['smtp:', 'smtps:'], 'email.smtpUrl')
  if (!smtpUrl) r.problems.push(`${r.source}: "email.smtpUrl" is required when "email" is set (smtp:// or smtps://)`)
  const from = r.string(o, 'from', 'email.from')
  if (!from)
    r.problems.push(`${r.source}: "email.from" is required when "email" is set (an address, or Name <address>)`)
  else if (!isMailbox(from)) r.fail('email.from', 'an email address, or Name <address>', from)
  const sendTimeoutMs = r.int(o, 'sendTimeoutMs', 100, 600_000, 'email.sendTimeoutMs') ?? DEFAULT_EMAIL_SEND_TIMEOUT_MS
  return {
    smtpUrl: smtpUrl ?? '',
    from: from ?? '',
    sendTimeoutMs,
    retry: readRetry(r, o, 'retry', DEFAULT_EMAIL_RETRY, 1, 'email.retry'),
    sweepIntervalMs:
      r.int(o, 'sweepIntervalMs', 100, 3_600_000, 'email.sweepIntervalMs') ?? DEFAULT_EMAIL_SWEEP_INTERVAL_MS,
  }
}

/** `a@b.c` or `Name <a@b.c>`: what a From header names, with no line break to smuggle headers in. */
export function isMailbox(value: string): boolean {
  if (/[\r\n]/.test(value) || value.length > 320) return false
  const m = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value.trim())
  const address = m?.[1] ?? m?.[2]
  return address !== undefined && /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]+$/.test(address)
}

function readPlcFollow(r: FieldReader, raw: RawConfig): PlcFollowConfig {
  const o = r.object(raw, 'plcFollow') ?? {}
  const d = DEFAULT_PLC_FOLLOW
  for (const key of Object.keys(o)) {
    if (!(key in d)) r.problems.push(`${r.source}: unknown field "plcFollow.${key}"`)
  }
  return {
    intervalSeconds: r.int(o, 'intervalSeconds', 0, 86_400, 'plcFollow.intervalSeconds') ?? d.intervalSeconds,
    pageSize: r.int(o, 'pageSize', 1, 1000, 'plcFollow.pageSize') ?? d.pageSize,
    maxPagesPerRun: r.int(o, 'maxPagesPerRun', 1, 100_000, 'plcFollow.maxPagesPerRun') ?? d.maxPagesPerRun,
  }
}

function readRelayCheck(r: FieldReader, raw: RawConfig): RelayCheckConfig {
  const o = r.object(raw, 'relayCheck') ?? {}
  const d = DEFAULT_RELAY_CHECK
  for (const key of Object.keys(o)) {
    if (!(key in d)) r.problems.push(`${r.source}: unknown field "relayCheck.${key}"`)
  }
  return {
    intervalSeconds: r.int(o, 'intervalSeconds', 0, 86_400, 'relayCheck.intervalSeconds') ?? d.intervalSeconds,
    timeoutMs: r.int(o, 'timeoutMs', 100, 600_000, 'relayCheck.timeoutMs') ?? d.timeoutMs,
  }
}

function readWebhooks(r: FieldReader, raw: RawConfig): WebhooksConfig {
  const o = r.object(raw, 'webhooks') ?? {}
  const d = DEFAULT_WEBHOOKS
  for (const key of Object.keys(o)) {
    if (!(key in d)) r.problems.push(`${r.source}: unknown field "webhooks.${key}"`)
  }
  const int = (key: keyof WebhooksConfig, min: number, max: number) =>
    r.int(o, key, min, max, `webhooks.${key}`) ?? (d[key] as number)
  const w: WebhooksConfig = {
    enabled: r.boolean(o, 'enabled', 'webhooks.enabled') ?? d.enabled,
    allowPrivateNetwork: r.boolean(o, 'allowPrivateNetwork', 'webhooks.allowPrivateNetwork') ?? d.allowPrivateNetwork,
    maxPerAccount: int('maxPerAccount', 1, 1000),
    maxQueued: int('maxQueued', 1, 10_000_000),
    pauseAfterFailures: int('pauseAfterFailures', 1, 1_000_000),
    retryBaseMs: int('retryBaseMs', 10, 86_400_000),
    retryMaxMs: int('retryMaxMs', 10, 86_400_000),
    timeoutMs: int('timeoutMs', 100, 600_000),
    concurrency: int('concurrency', 1, 1000),
    pollMs: int('pollMs', 10, 600_000),
  }
  if (w.retryMaxMs < w.retryBaseMs) r.problems.push(`${r.source}: "webhooks.retryMaxMs" is less than retryBaseMs`)
  return w
}

function readMoves(r: FieldReader, raw: RawConfig): MovesConfig {
  const m = r.object(raw, 'moves') ?? {}
  return {
    drainTimeoutMs: r.int(m, 'drainTimeoutMs', 100, 600_000, 'moves.drainTimeoutMs') ?? DEFAULT_MOVES.drainTimeoutMs,
    sweepIntervalSeconds:
      r.int(m, 'sweepIntervalSeconds', 1, 86_400, 'moves.sweepIntervalSeconds') ?? DEFAULT_MOVES.sweepIntervalSeconds,
    consentTtlSeconds:
      r.int(m, 'consentTtlSeconds', 1, 30 * 86_400, 'moves.consentTtlSeconds') ?? DEFAULT_MOVES.consentTtlSeconds,
  }
}

function readOAuth(r: FieldReader, raw: RawConfig): OAuthConfig {
  const o = r.object(raw, 'oauth') ?? {}
  for (const key of Object.keys(o)) {
    if (!['name', 'logo', 'primaryColor', 'trustedClients'].includes(key)) {
      r.problems.push(`${r.source}: unknown field "oauth.${key}"`)
    }
  }
  const primaryColor = r.string(o, 'primaryColor', 'oauth.primaryColor')
  if (primaryColor !== undefined && !/^#[0-9a-fA-F]{6}$/.test(primaryColor)) {
    r.problems.push(`${r.source}: "oauth.primaryColor" must be a CSS hex color such as "#1083fe"`)
  }
  const trusted = o.trustedClients ?? []
  if (!Array.isArray(trusted) || !trusted.every((id) => typeof id === 'string' && URL.canParse(id))) {
    r.problems.push(`${r.source}: "oauth.trustedClients" must be a list of client ids (URLs)`)
  }
  return {
    name: r.string(o, 'name', 'oauth.name') ?? 'primal-pds',
    logo: r.url(o, 'logo', ['https:', 'data:'], 'oauth.logo'),
    primaryColor,
    trustedClients: Array.isArray(trusted) ? trusted.filter((id): id is string => typeof id === 'string') : [],
  }
}

function readGc(r: FieldReader, raw: RawConfig): GcConfig {
  const gc = r.object(raw, 'gc') ?? {}
  const day = 86_400
  return {
    intervalSeconds: r.int(gc, 'intervalSeconds', 1, day, 'gc.intervalSeconds') ?? DEFAULT_GC.intervalSeconds,
    droppedBlockGraceSeconds:
      r.int(gc, 'droppedBlockGraceSeconds', 0, 30 * day, 'gc.droppedBlockGraceSeconds') ??
      DEFAULT_GC.droppedBlockGraceSeconds,
    unusedBlobGraceSeconds:
      r.int(gc, 'unusedBlobGraceSeconds', 0, 30 * day, 'gc.unusedBlobGraceSeconds') ??
      DEFAULT_GC.unusedBlobGraceSeconds,
  }
}

function readRetry(
  r: FieldReader,
  raw: RawConfig,
  key: string,
  d: RetryConfig,
  minAttempts: number,
  field = key,
): RetryConfig {
  const o = r.object(raw, key, field) ?? {}
  const retry = {
    attempts: r.int(o, 'attempts', minAttempts, 1000, `${field}.attempts`) ?? d.attempts,
    initialDelayMs: r.int(o, 'initialDelayMs', 1, 3_600_000, `${field}.initialDelayMs`) ?? d.initialDelayMs,
    maxDelayMs: r.int(o, 'maxDelayMs', 1, 86_400_000, `${field}.maxDelayMs`) ?? d.maxDelayMs,
  }
  if (retry.maxDelayMs < retry.initialDelayMs) {
    r.problems.push(`${r.source}: "${field}.maxDelayMs" must be at least ${field}.initialDelayMs`)
  }
  return retry
}

function readTraefik(r: FieldReader, raw: RawConfig, cwd: string, port: number): TraefikConfig | undefined {
  const t = r.object(raw, 'traefik')
  if (!t) return undefined
  const dynamicDir = r.string(t, 'dynamicDir', 'traefik.dynamicDir')
  if (!dynamicDir) {
    r.problems.push(`${r.source}: "traefik.dynamicDir" is required when "traefik" is set`)
  }
  return {
    dynamicDir: resolvePath(cwd, dynamicDir ?? '.'),
    entryPoints: r.stringArray(t, 'entryPoints', 'traefik.entryPoints') ?? ['websecure'],
    certResolver: r.string(t, 'certResolver', 'traefik.certResolver') ?? 'letsencrypt',
    serviceUrl: r.url(t, 'serviceUrl', ['http:', 'https:'], 'traefik.serviceUrl') || `http://127.0.0.1:${port}`,
  }
}

function resolvePath(cwd: string, p: string): string {
  return p.startsWith('/') ? p : `${cwd.replace(/\/+$/, '')}/${p.replace(/^\.\//, '')}`
}

/** The Postgres database name of the management DB, from its URL. */
export function managementDbName(database: DatabaseConfig | undefined): string {
  if (!database) return 'primal_pds'
  return decodeURIComponent(new URL(database.url).pathname.replace(/^\//, '')) || 'primal_pds'
}
