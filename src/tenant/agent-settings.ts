// A domain's settings for the agent app (whether agents may register there,
// and how hard their proof of work is). They are the core's because domains
// carry them: the domain table holds them, host.primal.pds.updateDomain sets
// them and the admin views show them; the agent app only reads them.
import type { AgentsConfig } from '../config/config.js'
import type { Domain } from '../storage/management/tenant-registry.js'

export type AgentSettings = { agentRegistration: boolean; powDifficulty: number }

/** A domain's agent settings, its own where it has them, else the config's defaults. */
export function agentSettings(domain: Domain, defaults: AgentsConfig): AgentSettings {
  return {
    agentRegistration: domain.agent_registration ?? defaults.registrationDefault,
    powDifficulty: domain.pow_difficulty ?? defaults.powDifficulty,
  }
}
