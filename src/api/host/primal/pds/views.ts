// Shapes of host.primal.pds.defs views, from service objects.
import type { CreatedAccount } from '../../../../account/account-service.js'
import type { AgentsConfig } from '../../../../config/config.js'
import type { Domain } from '../../../../storage/management/tenant-registry.js'
import type { AccountSummary } from '../../../../storage/tenant/account-store.js'
import { agentSettings } from '../../../../tenant/agent-settings.js'

/** A domain with its agent settings, the config's defaults (`agentDefaults`) where it has none of its own. */
export function domainView(d: Domain, agentDefaults: AgentsConfig) {
  return { name: d.name, status: d.status, createdAt: d.created_at, ...agentSettings(d, agentDefaults) }
}

export function accountView(a: AccountSummary) {
  return {
    did: a.did,
    handle: a.handle,
    email: a.email ?? undefined,
    role: a.role,
    status: a.status,
    deactivatedAt: a.deactivated_at ?? undefined,
    createdAt: a.created_at,
  }
}

export function createdAccountView(a: CreatedAccount) {
  return { did: a.did, handle: a.handle, role: a.role, password: a.generatedPassword }
}
