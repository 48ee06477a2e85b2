import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.sendEmail', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { recipientDid, content, subject } = input.body
      const account = await ctx.accounts.locate(recipientDid)
      if (!account) throw new InvalidRequestError('Recipient not found')
      assertManages(auth.credentials, account.domain)
      // The official PDS's subject when none is given.
      await ctx.accountEmail.sendOperatorMail(account, subject || 'Message via your PDS', content)
      return json({ sent: true })
    },
  })
}
