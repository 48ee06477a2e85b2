// Shapes of host.primal.pds.defs views, from service objects.
import type { CreatedAccount } from '../../../../account/account-service.js'
import type { AgentSettings } from '../../../../gather/agent/agent-service.js'
import type { Domain } from '../../../../storage/management/tenant-registry.js'
import type { AccountSummary } from '../../../../storage/tenant/account-store.js'

export function domainView(d: Domain, agents: AgentSettings) {
  return { name: d.name, status: d.status, createdAt: d.created_at, ...agents }
}

export function accountView(a: AccountSummary) {
  return {
    did: a.did,
    handle: a.handle,
    email: a.email ?? undefined,
    role: a.role,
    status: a.status,
    createdAt: a.created_at,
  }
}

export function createdAccountView(a: CreatedAccount) {
  return { did: a.did, handle: a.handle, role: a.role, password: a.generatedPassword }
}
