import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import { managedAccount } from '../../../host/primal/pds/managed-account.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { recordUri, subjectKind } from './views.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.updateSubjectStatus', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const { subject, takedown, deactivated } = input.body
      const { moderation } = ctx
      if (takedown?.applied && deactivated !== undefined && !deactivated.applied) {
        throw new InvalidRequestError('Cannot activate and takedown an account at the same time')
      }
      const named = subjectKind(subject)
      if (named?.kind === 'account') {
        const { account } = await managedAccount(ctx, auth.credentials, named.ref.did)
        if (takedown) await moderation.takedownAccount(account, takedown)
        if (deactivated) await moderation.deactivateAccount(account, deactivated)
        // Without a change, the official PDS still reports the account's status (#account).
        if (!takedown && !deactivated) await moderation.announceAccountStatus(account)
      } else if (named?.kind === 'record') {
        const { repo, path } = recordUri(named.ref.uri)
        const { account } = await managedAccount(ctx, auth.credentials, repo)
        if (takedown) await moderation.takedownRecord(account, path, takedown)
      } else if (named?.kind === 'blob') {
        const { account } = await managedAccount(ctx, auth.credentials, named.ref.did)
        if (takedown) await moderation.takedownBlob(account, named.ref.cid, takedown)
      } else {
        throw new InvalidRequestError(`Invalid subject (${String(subject.$type).slice(0, 100)})`)
      }
      return json({ subject, takedown })
    },
  })
}
