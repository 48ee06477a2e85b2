// The caller has this server sign a change of their DID (the first step of
// moving to another PDS): with the mailed code, the DID's latest op with the
// fields given in place of its own, signed with our rotation key. Returned,
// not sent: the new PDS submits it (as the official PDS does).
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { PlcFieldChanges } from '../../../../identity/plc-service.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.identity.signPlcOperation', {
    // Full access only (auth/scopes.ts).
    auth: ctx.auth.access,
    rateLimit: { write: ({ auth }) => auth.credentials.account },
    handler: async ({ auth, input }) => {
      const { account } = auth.credentials
      const { token, rotationKeys, alsoKnownAs } = input.body
      if (!token) throw new InvalidRequestError('email confirmation token required to sign PLC operations')
      const changes: PlcFieldChanges = {
        rotationKeys,
        alsoKnownAs,
        verificationMethods: verificationMethods(input.body.verificationMethods),
        services: services(input.body.services),
      }
      // The code goes first, as the official PDS takes it: an op that cannot be made still spends it.
      await ctx.accountEmail.takePlcOperationToken(account, token)
      const operation = await ctx.plc.signedUpdateOp(account.db_name, account.did, changes)
      return json({ operation: operation as unknown as Record<string, unknown> })
    },
  })
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** `verificationMethods` as a PLC op holds them: names to did:key strings. */
function verificationMethods(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined
  if (!isRecord(v) || !Object.values(v).every((k) => typeof k === 'string')) {
    throw new InvalidRequestError('verificationMethods must map names to did:key strings')
  }
  return v as Record<string, string>
}

/** `services` as a PLC op holds them: names to { type, endpoint }. */
function services(v: unknown): Record<string, { type: string; endpoint: string }> | undefined {
  if (v === undefined) return undefined
  const ok =
    isRecord(v) &&
    Object.values(v).every((s) => isRecord(s) && typeof s.type === 'string' && typeof s.endpoint === 'string')
  if (!ok) throw new InvalidRequestError('services must map names to { type, endpoint } strings')
  const out: Record<string, { type: string; endpoint: string }> = {}
  for (const [name, s] of Object.entries(v as Record<string, { type: string; endpoint: string }>)) {
    out[name] = { type: s.type, endpoint: s.endpoint }
  }
  return out
}
