import type { Server } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { loginKey } from '../../../../ratelimit/rate-limits.js'
import { json } from '../../../output.js'

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.server.createSession', async ({ input, res }) => {
    const { identifier, password } = (input as { body: { identifier: string; password: string } }).body
    const located = await ctx.accounts.locate(identifier)
    // Spent before the password is checked: a guess over budget costs no hashing.
    await ctx.rateLimits.consumeLogin('password', loginKey(identifier, located), res)
    const { tokens, account } = await ctx.sessions.login(located, password)
    return json({
      accessJwt: tokens.accessJwt,
      refreshJwt: tokens.refreshJwt,
      handle: account.handle,
      did: account.did,
      email: account.email ?? undefined,
      emailConfirmed: false,
      active: true,
    })
  })
}
