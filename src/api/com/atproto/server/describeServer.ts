import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.describeServer', async () => {
    const domains = await ctx.registry.listDomains()
    return json({
      did: ctx.serviceDid,
      // Clients append a user's chosen name to one of these, so they carry the leading dot.
      availableUserDomains: domains.filter((d) => d.status === 'active').map((d) => `.${d.name}`),
      inviteCodeRequired: false,
      phoneVerificationRequired: false,
      links: {},
      contact: {},
    })
  })
}
