import { ForbiddenError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { LocatedAccount } from '../../../../storage/management/tenant-registry.js'
import type { AccessCredentials, AdminCredentials } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.moveAccount', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { did, handle } = input.body
      const account = await ctx.accounts.mustLocate(did)
      await assertOwnsBoth(ctx, auth.credentials, account, handle)
      const moved = await ctx.accounts.move(account, handle)
      return json({ did: account.did, handle: moved })
    },
  })
}

/**
 * The admin key may move any account; a domain's owner alone may not pull
 * accounts from, or push them into, another tenant: only when the owners of
 * both domains are one person, known by the same email address on both
 * owner accounts.
 */
async function assertOwnsBoth(
  ctx: AppContext,
  credentials: AdminCredentials | AccessCredentials,
  account: LocatedAccount,
  handle: string,
): Promise<void> {
  if (credentials.type === 'admin') return
  const refuse = () =>
    new ForbiddenError('Only the admin key, or the owners of both domains, may move an account between domains')
  if (credentials.role !== 'owner') throw refuse()
  const target = await ctx.invites.domainOfHandle(handle)
  const from = await ctx.registry.activeDomain(account.domain)
  if (!target || !from) throw refuse()
  const mine = credentials.account.domain
  const other = mine === from.name ? target : mine === target.name ? from : undefined
  if (!other) throw refuse()
  const [me, theirs] = await Promise.all([ctx.accounts.summary(credentials.account), ctx.accounts.ownerOf(other)])
  if (!me.email || me.email !== theirs?.email) throw refuse()
}
