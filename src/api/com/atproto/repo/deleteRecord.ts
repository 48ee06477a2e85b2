import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

type Input = { repo: string; collection: string; rkey: string; swapRecord?: string; swapCommit?: string }

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.deleteRecord', {
    auth: ctx.auth.access,
    handler: async ({ auth, input, res }) => {
      const body = (input as { body: Input }).body
      const repo = ownRepo((auth as { credentials: AccessCredentials }).credentials, body.repo)
      const { collection, rkey, swapRecord, swapCommit } = body
      const write = { action: 'delete' as const, collection, rkey, swapRecord, swapCommit, ifExists: true }
      return ctx.recordWriter.writeOneCharged(repo, res, write, (c) =>
        // Deleting a record that is not there is not an error, and makes no commit.
        json(c ? { commit: { cid: c.cid, rev: c.rev } } : {}),
      )
    },
  })
}
