import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.describeServer', async () => {
    const domains = await ctx.registry.listDomains()
    const { registrationOpen, serverInfo } = ctx.config
    return json({
      did: ctx.serviceDid,
      // Clients append a user's chosen name to one of these, so they carry the leading dot.
      availableUserDomains: domains.filter((d) => d.status === 'active').map((d) => `.${d.name}`),
      // Closed registration takes the admin key, which no user has: clients then ask for an invite code
      // (which they cannot get here either) rather than offer a sign-up that fails.
      inviteCodeRequired: !registrationOpen,
      phoneVerificationRequired: false,
      links: { privacyPolicy: serverInfo.privacyPolicyUrl, termsOfService: serverInfo.termsOfServiceUrl },
      contact: { email: serverInfo.contactEmail },
    })
  })
}
