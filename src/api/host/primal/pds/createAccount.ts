import { ForbiddenError, InvalidRequestError } from '@atproto/xrpc-server'
import { parseHandle } from '../../../../account/handle.js'
import type { AppContext } from '../../../../context.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { createdAccountView } from './views.js'

const CREATABLE_ROLES = ['admin', 'user'] as const

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.createAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = auth.credentials
      const body = input.body
      assertManages(credentials, parseHandle(body.handle).domain)
      const role = CREATABLE_ROLES.find((r) => r === (body.role ?? 'user'))
      if (!role) throw new InvalidRequestError('role must be admin or user')
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
