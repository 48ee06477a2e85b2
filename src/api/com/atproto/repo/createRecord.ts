import type { Server } from '@atproto/xrpc-server'
import type { AccessCredentials } from '../../../../auth/verifiers.js'
import type { AppContext } from '../../../../context.js'
import { recordWriteOutput } from '../../../../repo/record-writer.js'
import { json } from '../../../output.js'
import { ownRepo } from '../../../repo-target.js'

type Input = {
  repo: string
  collection: string
  rkey?: string
  validate?: boolean
  record: unknown
  swapCommit?: string
}

export default function (server: Server, ctx: AppContext): void {
  server.method('com.atproto.repo.createRecord', {
    auth: ctx.auth.access,
    handler: async ({ auth, input, res }) => {
      const body = (input as { body: Input }).body
      const repo = ownRepo((auth as { credentials: AccessCredentials }).credentials, body.repo)
      const { collection, rkey, record, validate, swapCommit } = body
      const write = { action: 'create' as const, collection, rkey, record, validate, swapCommit }
      return ctx.recordWriter.writeOneCharged(repo, res, write, (c) => json(recordWriteOutput(repo.did, c)))
    },
  })
}
