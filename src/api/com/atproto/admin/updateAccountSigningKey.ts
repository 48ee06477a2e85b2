import { ForbiddenError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.updateAccountSigningKey', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      // The key a DID document names signs for the account everywhere: whoever holds it speaks as the
      // account, so only the operator whose rotation key signs the change may make it, not a domain's owner.
      if (auth.credentials.type !== 'admin') {
        throw new ForbiddenError("Only the admin key may change an account's signing key")
      }
      const { account } = await managedAccount(ctx, auth.credentials, input.body.did)
      await ctx.accounts.credentials.setSigningKey(account, input.body.signingKey)
    },
  })
}
