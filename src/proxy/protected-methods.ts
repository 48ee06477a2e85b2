// Methods of account management that a client must call on its own PDS:
// never forwarded to another service, and never the method of a service-auth
// token minted here. The official PDS's list (its PROTECTED_METHODS).

const PROTECTED_METHODS = new Set(
  [
    'com.atproto.admin.sendEmail',
    'com.atproto.identity.requestPlcOperationSignature',
    'com.atproto.identity.signPlcOperation',
    'com.atproto.identity.updateHandle',
    'com.atproto.server.activateAccount',
    'com.atproto.server.confirmEmail',
    'com.atproto.server.createAppPassword',
    'com.atproto.server.deactivateAccount',
    'com.atproto.server.getAccountInviteCodes',
    'com.atproto.server.getSession',
    'com.atproto.server.listAppPasswords',
    'com.atproto.server.requestAccountDelete',
    'com.atproto.server.requestEmailConfirmation',
    'com.atproto.server.requestEmailUpdate',
    'com.atproto.server.revokeAppPassword',
    'com.atproto.server.updateEmail',
  ].map((nsid) => nsid.toLowerCase()),
)

/** NSIDs compare case-insensitively here, as the official PDS compares them: a changed case is the same method. */
export function isProtectedMethod(nsid: string): boolean {
  return PROTECTED_METHODS.has(nsid.toLowerCase())
}
