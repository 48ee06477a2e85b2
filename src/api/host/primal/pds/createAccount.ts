import { ForbiddenError, InvalidRequestError, type Server } from '@atproto/xrpc-server'
import { parseHandle } from '../../../../account/handle.js'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { createdAccountView } from './views.js'

type Input = { handle: string; email?: string; password?: string; role?: 'admin' | 'user'; recoveryKey?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.createAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = (auth as { credentials: AdminCredentials | AccessCredentials }).credentials
      const body = (input as { body: Input }).body
      assertManages(credentials, parseHandle(body.handle).domain)
      const role = body.role ?? 'user'
      if (role !== 'admin' && role !== 'user') throw new InvalidRequestError('role must be admin or user')
      if (role === 'admin' && credentials.type === 'access' && credentials.role !== 'owner') {
        throw new ForbiddenError('Only the admin key or the domain owner may create admins')
      }
      // Reserved names are the domain's own to give out: its owner's, as the admin key's.
      const allowReserved = credentials.type === 'admin' || credentials.role === 'owner'
      const created = await ctx.accounts.create({ ...body, role, allowReserved })
      return json(createdAccountView(created))
    },
  })
}
