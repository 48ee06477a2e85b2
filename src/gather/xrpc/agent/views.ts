import type { AgentSession } from '../../agent/agent-service.js'

/** The session shape of is.gather.agent.defs#session. */
export function sessionView(s: AgentSession & { publicKey?: string }) {
  return {
    accessJwt: s.tokens.accessJwt,
    refreshJwt: s.tokens.refreshJwt,
    handle: s.handle,
    did: s.did,
    active: true,
    publicKey: s.publicKey,
  }
}
