// What an OAuth grant must hold to call each of our XRPC methods, in one
// table, as the official PDS's handlers declare it one by one (their
// `authorize`): repo writes need `repo:<collection>?action=…`, uploads
// `blob:<mime>`, account and identity changes `account:`/`identity:`, and
// calls answered for another service (preferences, service-auth tokens)
// `rpc:<lxm>?aud=…`. `transition:generic` grants what the old app-password
// sessions could (the scope library reads it so). A method not in the table
// refuses OAuth tokens: a method added later is closed to them until it is
// named here (test/oauth/oauth-permissions.test.ts holds every registered
// method to that).
import type { IncomingMessage } from 'node:http'
import type { ScopePermissionsTransition } from '@atproto/oauth-scopes'
import { ScopeMissingError } from '@atproto/oauth-scopes'
import { ForbiddenError, XRPCError } from '@atproto/xrpc-server'

/** What a method's check sees of the call. */
export type OAuthCall = {
  params: unknown
  input: unknown
  req: IncomingMessage
  /** `did#serviceId` of the configured service a call of `lxm` answered here is for. */
  audFor: (lxm: string) => string | undefined
}

type Check = (permissions: ScopePermissionsTransition, call: OAuthCall) => void

const always: Check = () => {}

/** Methods that manage the account's credentials themselves: only with the password, never an OAuth grant. */
const never: Check = () => {
  throw new ForbiddenError('OAuth credentials are not supported for this endpoint')
}

const repoWrite =
  (action: 'create' | 'update' | 'delete'): Check =>
  (permissions, { input }) => {
    assertRepoWrite(permissions, action, String(field(bodyOf(input), 'collection')))
  }

/**
 * A grant's check for one record write. An update (putRecord) may create the
 * record as well, so it needs both, as the official PDS asks.
 */
export function assertRepoWrite(
  permissions: ScopePermissionsTransition,
  action: 'create' | 'update' | 'delete',
  collection: string,
): void {
  try {
    if (action === 'update') permissions.assertRepo({ action: 'create', collection })
    permissions.assertRepo({ action, collection })
  } catch (err) {
    throw asScopeError(err)
  }
}

/** A method answered here and for nothing else (the agent app's inbox, orders, webhooks): its grant names it. */
export function assertOwnRpc(permissions: ScopePermissionsTransition, lxm: string): void {
  try {
    permissions.assertRpc({ aud: '*', lxm })
  } catch (err) {
    throw asScopeError(err)
  }
}

/** A webhook sending the account's notifications reads its inbox: the grant must allow that too. */
const webhookCreate: Check = (permissions, call) => {
  rpcFor('is.gather.webhook.create')(permissions, call)
  const filter = field(bodyOf(call.input), 'filter')
  if (filter && typeof filter === 'object' && (filter as Record<string, unknown>).notifications === true) {
    rpcFor('is.gather.notification.list')(permissions, call)
  }
}

/** A call answered here for the service it concerns (the AppView's preferences): the grant must reach that service. */
const rpcFor =
  (lxm: string): Check =>
  (permissions, { audFor }) => {
    permissions.assertRpc({ aud: audFor(lxm) ?? '*', lxm })
  }

const TABLE: Record<string, Check> = {
  'app.bsky.actor.getPreferences': rpcFor('app.bsky.actor.getPreferences'),
  'app.bsky.actor.putPreferences': rpcFor('app.bsky.actor.putPreferences'),

  // The agent app's inbox, answered here: a grant names each method (or is transition:generic).
  'is.gather.notification.list': rpcFor('is.gather.notification.list'),
  'is.gather.notification.getUnreadCount': rpcFor('is.gather.notification.getUnreadCount'),
  'is.gather.notification.updateSeen': rpcFor('is.gather.notification.updateSeen'),

  'com.atproto.identity.getRecommendedDidCredentials': always,
  'com.atproto.identity.refreshIdentity': always,
  'com.atproto.identity.requestPlcOperationSignature': (p) => p.assertIdentity({ attr: '*' }),
  'com.atproto.identity.signPlcOperation': (p) => p.assertIdentity({ attr: '*' }),
  'com.atproto.identity.submitPlcOperation': (p) => p.assertIdentity({ attr: '*' }),
  'com.atproto.identity.updateHandle': (p) => p.assertIdentity({ attr: 'handle' }),

  'com.atproto.repo.applyWrites': (permissions, { input }) => {
    const writes = field(bodyOf(input), 'writes')
    for (const write of Array.isArray(writes) ? writes : []) {
      const type = String(field(write, '$type'))
      const action = type.endsWith('#create') ? 'create' : type.endsWith('#update') ? 'update' : 'delete'
      // Our update creates a record that is not there (putRecord's way): it needs create too.
      assertRepoWrite(permissions, action, String(field(write, 'collection')))
    }
  },
  'com.atproto.repo.createRecord': repoWrite('create'),
  'com.atproto.repo.putRecord': repoWrite('update'),
  'com.atproto.repo.deleteRecord': repoWrite('delete'),
  'com.atproto.repo.uploadBlob': (permissions, { req }) => {
    const mime =
      String(req.headers['content-type'] ?? '*/*')
        .split(';')[0]
        .trim() || '*/*'
    permissions.assertBlob({ mime })
  },
  'com.atproto.repo.importRepo': (p) => p.assertAccount({ attr: 'repo', action: 'manage' }),
  'com.atproto.repo.listMissingBlobs': always,

  'com.atproto.server.getSession': always,
  'com.atproto.server.checkAccountStatus': always,
  'com.atproto.server.getServiceAuth': (permissions, { params }) => {
    const lxm = field(params, 'lxm')
    permissions.assertRpc({ aud: String(field(params, 'aud')), lxm: typeof lxm === 'string' ? lxm : '*' })
  },
  'com.atproto.server.deactivateAccount': (p) => p.assertAccount({ attr: 'status', action: 'manage' }),
  // The provider refuses to authorize a deactivated account, so no grant could be fresh enough to wake one.
  'com.atproto.server.activateAccount': never,
  'com.atproto.server.requestEmailConfirmation': (p) => p.assertAccount({ attr: 'email', action: 'manage' }),
  'com.atproto.server.confirmEmail': (p) => p.assertAccount({ attr: 'email', action: 'manage' }),
  'com.atproto.server.requestEmailUpdate': never,
  'com.atproto.server.updateEmail': never,
  'com.atproto.server.createAppPassword': never,
  'com.atproto.server.listAppPasswords': never,
  'com.atproto.server.revokeAppPassword': never,
  'com.atproto.server.getAccountInviteCodes': never,
  'com.atproto.server.requestAccountDelete': never,

  // Reads anyone may make; a grant adds only that its account reads its own deactivated repo.
  'com.atproto.sync.getBlob': always,
  'com.atproto.sync.getBlocks': always,
  'com.atproto.sync.getLatestCommit': always,
  'com.atproto.sync.getRecord': always,
  'com.atproto.sync.getRepo': always,
  'com.atproto.sync.listBlobs': always,

  // Webhooks send what the grant could read itself: each method named, and one of the inbox the inbox's too.
  'is.gather.webhook.create': webhookCreate,
  'is.gather.webhook.list': rpcFor('is.gather.webhook.list'),
  'is.gather.webhook.delete': rpcFor('is.gather.webhook.delete'),
  'is.gather.webhook.resume': rpcFor('is.gather.webhook.resume'),
  'is.gather.shop.listOrders': rpcFor('is.gather.shop.listOrders'),
}

const LOWER = new Map(Object.entries(TABLE).map(([nsid, check]) => [nsid.toLowerCase(), check]))

/** Whether OAuth tokens may call `nsid` at all (its grant is then checked by authorizeOAuth). */
export function oauthMayCall(nsid: string): boolean {
  return LOWER.has(nsid.toLowerCase())
}

/**
 * Throws unless the grant reaches this call: 403 Forbidden for a method
 * closed to OAuth, 403 ScopeMissingError naming the permission it lacks (the
 * official PDS's answer) otherwise.
 */
export function authorizeOAuth(nsid: string, permissions: ScopePermissionsTransition, call: OAuthCall): void {
  const check = LOWER.get(nsid.toLowerCase()) ?? never
  try {
    check(permissions, call)
  } catch (err) {
    throw asScopeError(err)
  }
}

/** The scope library's refusal as the XRPC error the official PDS answers with. */
export function asScopeError(err: unknown): unknown {
  return err instanceof ScopeMissingError ? new XRPCError(403, err.message, 'ScopeMissingError', { cause: err }) : err
}

/** The methods the table names (for the test that every method accepting tokens is in it). */
export const OAUTH_METHODS: readonly string[] = Object.keys(TABLE)

/** The JSON body of a call's input (xrpc-server's `{ encoding, body }`). */
function bodyOf(input: unknown): unknown {
  return field(input, 'body')
}

/** A member of a value that may be anything (the checks run on what the lexicon let through, and read it defensively). */
function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined
}
