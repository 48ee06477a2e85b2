import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { managedAccount } from './managed-account.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('host.primal.pds.deleteAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { account } = await managedAccount(ctx, auth, (input as { body: { did: string } }).body.did)
      await ctx.accounts.delete(account)
    },
  })
}
