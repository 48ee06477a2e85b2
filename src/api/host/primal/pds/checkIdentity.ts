// Notices departures now, as an operator asks: one account's DID document,
// or the PLC directory's export read on from where it was left.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { DepartureCheck, FollowReport } from '../../../../account/departures.js'
import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.checkIdentity', {
    auth: ctx.auth.admin,
    handler: async ({ input }) => {
      const did = input.body.did
      if (did !== undefined) {
        const account = await ctx.accounts.mustLocate(did)
        return json({ account: accountCheckView(await ctx.departures.check(account)) })
      }
      if (!ctx.plc.publishing) {
        throw new InvalidRequestError('Reading the PLC export needs "plcEndpoint" in the config; name an account (did)')
      }
      return json({ export: exportRunView(await ctx.departures.follow()) })
    },
  })
}

export function accountCheckView(c: DepartureCheck) {
  return {
    did: c.did,
    namesUs: c.namesUs ?? undefined,
    moved: c.movedAt !== null,
    movedAt: c.movedAt ?? undefined,
    newlyMoved: c.newlyMoved,
  }
}

export function exportRunView(r: FollowReport) {
  return { ops: r.ops, checked: r.checked, moved: r.moved, cursor: r.cursor ?? undefined, busy: r.busy }
}
