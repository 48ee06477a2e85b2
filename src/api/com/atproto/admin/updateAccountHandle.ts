import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.updateAccountHandle', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { credentials, account } = await managedAccount(ctx, auth.credentials, input.body.did)
      // Reserved names are the domain's own to give out: its owner's, as the admin key's (createAccount's rule).
      const allowReserved = credentials.type === 'admin' || credentials.role === 'owner'
      // Only the admin key moves an account to another of our domains this way (a domain's owner reaches its own domain only).
      const move = credentials.type === 'admin' ? 'operator' : undefined
      await ctx.accounts.updateHandle(account, input.body.handle, { allowReserved, move })
    },
  })
}
