import { AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createAccount', {
    // A service-auth token from the DID proves an account moving in holds it (as the official PDS asks).
    auth: ctx.auth.optionalAdminOrDid,
    handler: async ({ auth, input }) => {
      const isAdmin = auth.credentials.type === 'admin'
      const body = input.body
      if (body.plcOp !== undefined) throw new InvalidRequestError('Unsupported input: "plcOp"')
      if (
        body.did !== undefined &&
        !isAdmin &&
        (auth.credentials.type !== 'did' || auth.credentials.did !== body.did)
      ) {
        throw new AuthRequiredError(`Missing auth to create account with did: ${body.did}`)
      }
      // A handle that names no domain of ours fails in create(), with the reason.
      const domain = await ctx.invites.domainOfHandle(body.handle).catch((err: unknown) => {
        if (err instanceof InvalidRequestError) return undefined
        throw err
      })
      const codeNeeded = domain !== undefined && ctx.invites.required(domain)
      // A domain that needs an invite code takes anyone who holds one, whether or not registration is
      // open: the code is the permission. The admin key needs none.
      if (!isAdmin && !codeNeeded && !ctx.config.registrationOpen) {
        throw new AuthRequiredError('Registration is closed on this server: the admin key is required')
      }
      if (!isAdmin && codeNeeded && !body.inviteCode) {
        throw new InvalidRequestError('No invite code provided', 'InvalidInviteCode')
      }
      if (body.password === undefined) throw new InvalidRequestError('password is required', 'InvalidPassword')
      // A code given is checked now, before the account's keys and DID are made, and used up in the
      // transaction that creates the account, where a race for its last use is settled: as the official
      // PDS, even on a domain that needs none.
      let useInvite: ReturnType<typeof ctx.invites.useIn> | undefined
      if (body.inviteCode !== undefined && domain) {
        await ctx.invites.check(domain, body.inviteCode)
        useInvite = ctx.invites.useIn(body.inviteCode)
      }
      // A DID moving in keeps its current op until activation; it starts deactivated, its DID untouched.
      const incoming = body.did === undefined ? undefined : { did: body.did, plcOp: await ctx.plc.currentOp(body.did) }
      const created = await ctx.accounts.create({
        handle: body.handle,
        email: body.email,
        password: body.password,
        recoveryKey: body.recoveryKey,
        allowReserved: isAdmin,
        alsoWrite: useInvite,
        incoming,
      })
      const located = await ctx.accounts.mustLocate(created.did)
      const tokens = await ctx.sessions.start(located)
      return json({
        accessJwt: tokens.accessJwt,
        refreshJwt: tokens.refreshJwt,
        handle: created.handle,
        did: created.did,
      })
    },
  })
}
