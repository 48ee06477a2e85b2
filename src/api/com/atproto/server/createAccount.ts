import { AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.createAccount', {
    auth: ctx.auth.optionalAdmin,
    handler: async ({ auth, input }) => {
      const credentials = auth.credentials
      if (!ctx.config.registrationOpen && credentials.type !== 'admin') {
        throw new AuthRequiredError('Registration is closed on this server: the admin key is required')
      }
      const body = input.body
      if (body.did !== undefined || body.plcOp !== undefined) {
        throw new InvalidRequestError(
          'Bringing an existing DID to this server is not supported yet',
          'IncompatibleDidDoc',
        )
      }
      if (body.password === undefined) throw new InvalidRequestError('password is required', 'InvalidPassword')
      const created = await ctx.accounts.create({
        handle: body.handle,
        email: body.email,
        password: body.password,
        recoveryKey: body.recoveryKey,
        allowReserved: credentials.type === 'admin',
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
