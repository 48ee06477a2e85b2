import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { AccountStatus } from '../../../../storage/schema.js'
import { managedAccount } from './managed-account.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.updateAccountStatus', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const body = (input as { body: { did: string; status: AccountStatus } }).body
      const { account } = await managedAccount(ctx, auth, body.did)
      await ctx.accounts.updateStatus(account, body.status)
    },
  })
}
