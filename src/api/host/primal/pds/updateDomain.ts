import { AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server'
import { isMailbox } from '../../../../config/config.js'
import type { AppContext } from '../../../../context.js'
import { agentSettings } from '../../../../tenant/agent-settings.js'
import { normalizeDomain } from '../../../../tenant/domain-name.js'
import { assertManages } from '../../../auth-verifiers.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'
import { domainView } from './views.js'

/** Settings only the admin key changes: they decide what relays see of the server. */
const ADMIN_ONLY = ['pdsHostname', 'firehoseEventsPerSecond'] as const

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('host.primal.pds.updateDomain', {
    auth: ctx.auth.manager,
    handler: async ({ auth, input }) => {
      const credentials = auth.credentials
      const body = input.body
      const name = normalizeDomain(body.domain)
      assertManages(credentials, name)
      const admin = credentials.type === 'admin'
      for (const field of ADMIN_ONLY) {
        if (!admin && body[field] !== undefined) {
          throw new AuthRequiredError(`${field} may be changed with the admin key only`)
        }
      }
      if (!(await ctx.registry.activeDomain(name))) {
        throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
      }
      const emailFrom = body.resetToDefaults ? '' : body.emailFrom?.trim()
      if (emailFrom && !isMailbox(emailFrom)) {
        throw new InvalidRequestError('emailFrom must be an email address, or Name <address>')
      }
      // First, as it may be refused (HostnameInUse): nothing else has changed then.
      if (body.pdsHostname !== undefined) await ctx.domains.setPdsHostname(name, body.pdsHostname)
      // resetToDefaults leaves the host alone (moving every account is no default to fall back to);
      // the pace, an admin's setting, only the admin key resets.
      const pace = body.resetToDefaults && admin ? 0 : body.firehoseEventsPerSecond
      if (pace !== undefined) await ctx.domains.setFirehosePace(name, pace)
      await ctx.registry.updateAgentSettings(name, {
        agent_registration: body.resetToDefaults ? null : body.agentRegistration,
        pow_difficulty: body.resetToDefaults ? null : body.powDifficulty,
      })
      if (emailFrom !== undefined) {
        await ctx.registry.setEmailFrom(name, emailFrom || null)
        ctx.logger.info({ tenant: name, emailFrom: emailFrom || null }, 'domain mail sender changed')
      }
      const inviteRequired = body.resetToDefaults ? null : body.inviteRequired
      if (inviteRequired !== undefined) await ctx.registry.setInviteRequired(name, inviteRequired)
      const domain = await ctx.registry.activeDomain(name)
      if (!domain) throw new InvalidRequestError(`Domain not found: ${name}`, 'DomainNotFound')
      const view = domainView(domain, ctx.config, await ctx.registry.countOffHost(name, domain.pds_hostname))
      ctx.logger.info(
        { tenant: name, ...agentSettings(domain, ctx.config.agents), inviteRequired: view.inviteRequired },
        'domain settings changed',
      )
      return json({ domain: view })
    },
  })
}
