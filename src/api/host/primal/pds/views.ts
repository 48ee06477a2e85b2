// Shapes of host.primal.pds.defs views, from service objects.
import type { CreatedAccount } from '../../../../account/account-service.js'
import { inviteRequired } from '../../../../account/invite-codes.js'
import type { Config } from '../../../../config/config.js'
import type { Domain } from '../../../../storage/management/tenant-registry.js'
import type { AccountSummary } from '../../../../storage/tenant/account-store.js'
import { agentSettings } from '../../../../tenant/agent-settings.js'

/**
 * A domain with its agent and invite settings, the config's defaults where it
 * has none of its own, its PDS host and how many of its accounts are not on
 * it yet (`hostAccountsPending`: TenantRegistry.countOffHost).
 */
export function domainView(d: Domain, config: Pick<Config, 'agents' | 'invites'>, hostAccountsPending: number) {
  return {
    name: d.name,
    status: d.status,
    createdAt: d.created_at,
    ...agentSettings(d, config.agents),
    inviteRequired: inviteRequired(d, config.invites),
    emailFrom: d.email_from ?? undefined,
    pdsHostname: d.pds_hostname ?? undefined,
    hostAccountsPending,
    firehoseEventsPerSecond: d.firehose_events_per_second ?? undefined,
  }
}

export function accountView(a: AccountSummary) {
  return {
    did: a.did,
    handle: a.handle,
    email: a.email ?? undefined,
    role: a.role,
    status: a.status,
    deactivatedAt: a.deactivated_at ?? undefined,
    movedAt: a.moved_at ?? undefined,
    createdAt: a.created_at,
  }
}

export function createdAccountView(a: CreatedAccount) {
  return { did: a.did, handle: a.handle, role: a.role, password: a.generatedPassword }
}
