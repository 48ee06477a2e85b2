import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { unstorableText } from '../../../../storage/pg-text.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.sendEmail', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { recipientDid, content, subject } = input.body
      // What a mail's row holds: a subject line of at most 1000 characters, and text Postgres can store.
      if (subject && subject.length > 1000) throw new InvalidRequestError('subject is longer than 1000 characters')
      if (unstorableText(subject) || unstorableText(content)) {
        throw new InvalidRequestError('subject and content must not hold NUL characters or unpaired surrogates')
      }
      const account = await ctx.accounts.locate(recipientDid)
      if (!account) throw new InvalidRequestError('Recipient not found')
      assertManages(auth.credentials, account.domain)
      // The official PDS's subject when none is given.
      await ctx.accountEmail.sendOperatorMail(account, subject || 'Message via your PDS', content)
      return json({ sent: true })
    },
  })
}
