import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { recordUri, visibleAccount } from './views.js'

const NOT_FOUND = () => new InvalidRequestError('Subject not found', 'NotFound')

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.admin.getSubjectStatus', {
    auth: ctx.auth.manager,
    handler: async ({ auth, params }) => {
      const { did, uri, blob } = params
      const { moderation } = ctx
      // As the official PDS: a blob (with its did) first, then a record, then an account.
      if (blob !== undefined) {
        if (did === undefined) throw new InvalidRequestError('Must provide a did to request blob state')
        const located = await visibleAccount(ctx, auth.credentials, did)
        const takedown = await moderation.blobStatus(located, blob)
        if (!takedown) throw NOT_FOUND()
        return json({ subject: { $type: 'com.atproto.admin.defs#repoBlobRef', did: located.did, cid: blob }, takedown })
      }
      if (uri !== undefined) {
        const { repo, path } = recordUri(uri)
        const located = await visibleAccount(ctx, auth.credentials, repo)
        const status = await moderation.recordStatus(located, path)
        if (!status) throw NOT_FOUND()
        const subject = {
          $type: 'com.atproto.repo.strongRef',
          uri: `at://${located.did}/${path.collection}/${path.rkey}`,
          cid: status.cid,
        }
        return json({ subject, takedown: status.takedown })
      }
      if (did !== undefined) {
        const located = await visibleAccount(ctx, auth.credentials, did)
        const status = await moderation.accountStatus(located)
        if (!status) throw NOT_FOUND()
        return json({ subject: { $type: 'com.atproto.admin.defs#repoRef', did: located.did }, ...status })
      }
      throw new InvalidRequestError('No provided subject')
    },
  })
}
