// A service-auth token for another service, signed with the caller's own
// key, within the official PDS's limits: at most an hour ahead, a minute
// when it names no method, never for account management, and for the
// privileged methods only to a password login or a privileged app password.
import { ensureValidDid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { isPrivileged, isPrivilegedOnlyMethod } from '../../../../auth/scopes.js'
import type { AppContext } from '../../../../context.js'
import { isProtectedMethod } from '../../../../proxy/protected-methods.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

const MINUTE_S = 60
const HOUR_S = 60 * MINUTE_S

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.getServiceAuth', {
    auth: ctx.auth.access,
    handler: async ({ params, auth }) => {
      const { aud, exp, lxm } = params
      if (!isAudience(aud)) throw new InvalidRequestError('aud must be a valid atproto DID or did#serviceId reference')
      // A plain app password may not act for the account where a privileged session is asked for (the DMs, a new
      // account). An OAuth grant was checked for this very aud and lxm (its rpc: scope) before the handler.
      const { scope, oauth } = auth.credentials
      if (lxm && isPrivilegedOnlyMethod(lxm) && !oauth && !isPrivileged(scope)) {
        throw new InvalidRequestError(
          `insufficient access to request a service auth token for the following method: ${lxm}`,
        )
      }
      // exp is in seconds since the epoch; 0 or absent: the default, a minute from now.
      if (exp) {
        const ahead = exp - Date.now() / 1000
        if (ahead < 0) throw new InvalidRequestError('expiration is in past', 'BadExpiration')
        if (ahead > HOUR_S) {
          throw new InvalidRequestError(
            'cannot request a token with an expiration more than an hour in the future',
            'BadExpiration',
          )
        }
        if (!lxm && ahead > MINUTE_S) {
          throw new InvalidRequestError(
            'cannot request a method-less token with an expiration more than a minute in the future',
            'BadExpiration',
          )
        }
      }
      if (lxm && isProtectedMethod(lxm)) {
        throw new InvalidRequestError(`cannot request a service auth token for the following protected method: ${lxm}`)
      }
      const token = await ctx.serviceAuth.mint(auth.credentials.account, aud, lxm ?? null, exp || undefined)
      return json({ token })
    },
  })
}

/** A did:plc or did:web, alone or with a #serviceId. */
function isAudience(aud: string): boolean {
  const hash = aud.indexOf('#')
  const did = hash === -1 ? aud : aud.slice(0, hash)
  if (hash !== -1 && !/^[a-zA-Z0-9_~.-]+$/.test(aud.slice(hash + 1))) return false
  if (!did.startsWith('did:plc:') && !did.startsWith('did:web:')) return false
  try {
    ensureValidDid(did)
    return true
  } catch {
    return false
  }
}
