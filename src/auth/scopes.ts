// What a session's access token may do, and the methods that ask for more
// than an app password gives. The official PDS's scopes: a password login
// gets full access; an app password gets `appPass`, or `appPassPrivileged`
// when it was made privileged. The tables below are the official PDS's
// (its ACCESS_FULL methods and its PRIVILEGED_METHODS), in one place, so a
// method added later is refused to app passwords by being named here.

/** The access JWT's `scope` claim for each kind of session, as the official PDS writes it. */
export const ACCESS_SCOPE = 'com.atproto.access'
export const APP_PASS_SCOPE = 'com.atproto.appPass'
export const APP_PASS_PRIVILEGED_SCOPE = 'com.atproto.appPassPrivileged'

/** 'full': a password login; 'appPassPrivileged' and 'appPass': an app password, privileged or not. */
export type AccessScope = 'full' | 'appPassPrivileged' | 'appPass'

/**
 * What a caller's access token is: a session's scope, or 'oauth', an OAuth
 * grant, whose granted permissions decide each call instead (src/api/oauth-permissions.ts).
 */
export type CallerScope = AccessScope | 'oauth'

const CLAIM_OF: Record<AccessScope, string> = {
  full: ACCESS_SCOPE,
  appPassPrivileged: APP_PASS_PRIVILEGED_SCOPE,
  appPass: APP_PASS_SCOPE,
}

export function scopeClaim(scope: AccessScope): string {
  return CLAIM_OF[scope]
}

/** The scope an access token's claim names; undefined for any other claim (a refresh token's, say). */
export function scopeOfClaim(claim: unknown): AccessScope | undefined {
  if (claim === ACCESS_SCOPE) return 'full'
  if (claim === APP_PASS_PRIVILEGED_SCOPE) return 'appPassPrivileged'
  if (claim === APP_PASS_SCOPE) return 'appPass'
  return undefined
}

/** The scope of a session an app password opened (none: a password login). */
export function scopeOfAppPassword(appPassword: { privileged: boolean } | null): AccessScope {
  if (!appPassword) return 'full'
  return appPassword.privileged ? 'appPassPrivileged' : 'appPass'
}

/** Whether a session may reach the privileged methods (an OAuth grant reaches them through its permissions instead). */
export function isPrivileged(scope: CallerScope): boolean {
  return scope === 'full' || scope === 'appPassPrivileged'
}

/**
 * Methods only a password login may call: account state an app password
 * must not change (its email, its PLC identity, deactivation and deletion,
 * more app passwords). An app password's token gets 400 InvalidToken "Bad
 * token scope", as the official PDS answers. Methods not served here yet are
 * listed all the same, so they are refused the day they are.
 */
export const FULL_ACCESS_ONLY_METHODS: ReadonlySet<string> = new Set([
  'com.atproto.identity.requestPlcOperationSignature',
  'com.atproto.identity.signPlcOperation',
  'com.atproto.repo.importRepo',
  'com.atproto.server.activateAccount',
  'com.atproto.server.createAppPassword',
  'com.atproto.server.deactivateAccount',
  'com.atproto.server.getAccountInviteCodes',
  'com.atproto.server.requestAccountDelete',
  'com.atproto.server.requestEmailUpdate',
  'com.atproto.server.updateEmail',
])

/**
 * Methods only a password login or a privileged app password may reach
 * through us: the direct messages (passed on to the chat service) and
 * creating an account elsewhere (a service-auth token for it). Passed on,
 * a plain app password's call gets 400 InvalidToken "Bad token method";
 * asked of getServiceAuth, 400 "insufficient access".
 */
export const PRIVILEGED_ONLY_METHOD_NAMES: readonly string[] = [
  'chat.bsky.actor.deleteAccount',
  'chat.bsky.actor.exportAccountData',
  'chat.bsky.convo.deleteMessageForSelf',
  'chat.bsky.convo.getConvo',
  'chat.bsky.convo.getConvoForMembers',
  'chat.bsky.convo.getLog',
  'chat.bsky.convo.getMessages',
  'chat.bsky.convo.leaveConvo',
  'chat.bsky.convo.listConvos',
  'chat.bsky.convo.muteConvo',
  'chat.bsky.convo.sendMessage',
  'chat.bsky.convo.sendMessageBatch',
  'chat.bsky.convo.unmuteConvo',
  'chat.bsky.convo.updateRead',
  'com.atproto.server.createAccount',
]
const PRIVILEGED_ONLY_METHODS = new Set(PRIVILEGED_ONLY_METHOD_NAMES.map((nsid) => nsid.toLowerCase()))

/** NSIDs compare case-insensitively here, as the official PDS compares them: a changed case is the same method. */
export function isPrivilegedOnlyMethod(nsid: string): boolean {
  return PRIVILEGED_ONLY_METHODS.has(nsid.toLowerCase())
}

const FULL_ACCESS_ONLY_LOWER = new Set([...FULL_ACCESS_ONLY_METHODS].map((nsid) => nsid.toLowerCase()))

/** Whether only a password login may call `nsid` (in any case: the router finds a method whatever its case). */
export function isFullAccessOnlyMethod(nsid: string): boolean {
  return FULL_ACCESS_ONLY_LOWER.has(nsid.toLowerCase())
}

/** Whether a token of `scope` may call `nsid` on this server (an OAuth grant: its permissions decide). */
export function allowsMethod(scope: CallerScope, nsid: string): boolean {
  return scope === 'full' || scope === 'oauth' || !isFullAccessOnlyMethod(nsid)
}

/** Whether the scope is an app password's (refused what only a password login or a grant for it may do). */
export function isAppPassword(scope: CallerScope): boolean {
  return scope === 'appPass' || scope === 'appPassPrivileged'
}
