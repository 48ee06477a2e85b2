// What every configured relay says of every PDS host we run, against what the
// host serves (the relay monitor's latest check, or one asked now); with
// `did`, what each relay says of that account, asked now, against ours.
import type { RepoTarget } from '../../../../account/account-service.js'
import type { AppContext } from '../../../../context.js'
import type { OurAccount } from '../../../../identity/relay-monitor.js'
import { protocolStatus } from '../../../../sync/events.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { findRepo } from '../../../repo-target.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.getRelayStatus', {
    auth: ctx.auth.admin,
    handler: async ({ params, req }) => {
      const target = params.did === undefined ? undefined : await findRepo(ctx, params.did, req)
      const [hosts, account] = await Promise.all([
        ctx.relayMonitor.status(params.refresh === true),
        target && accountStatus(ctx, target),
      ])
      return json({ hosts, account })
    },
  })
}

async function accountStatus(ctx: AppContext, target: RepoTarget) {
  const ours = await ourAccount(ctx, target)
  return { ...ours, relays: await ctx.relayMonitor.account(ours) }
}

/** The account as we hold it: its host, its state as the protocol says it, and its repo's rev. */
async function ourAccount(ctx: AppContext, target: RepoTarget): Promise<OurAccount> {
  // The home as it is now, not as a process remembered it: the account may have just changed host.
  const pdsHost = (await ctx.registry.findHome('did', target.did))?.pds_host ?? target.pds_host
  const hostname = ctx.pdsHosts.hostnameOf(pdsHost)
  // A repo being created or removed may have no root yet: then there is no rev to compare.
  const rev = await ctx.repoReads.root(target).then(
    (root) => root.rev,
    () => undefined,
  )
  return { did: target.did, hostname, ...protocolStatus(target.status), rev }
}
