import type { AppContext } from '../../../../context.js'
import type { MethodServer } from '../../../method-server.js'
import { json } from '../../../output.js'

export default function (server: MethodServer, ctx: AppContext): void {
  server.method('com.atproto.server.describeServer', async ({ req }) => {
    // A domain's own PDS host describes itself: its did:web, and only the domains it serves.
    const host = await ctx.pdsHosts.forRequest(req.hostname ?? '')
    const active = (await ctx.registry.listDomains()).filter((d) => d.status === 'active')
    const domains = host.host === null ? active : active.filter((d) => host.domains.includes(d.name))
    const { registrationOpen, serverInfo } = ctx.config
    // The domains a sign-up from this client is for: the one its request was sent to (a hostname of the
    // domain, or under it), else all of them. A code is said to be required when each of those needs one:
    // a client that hears "no" can then sign up on at least one of them without a code, and one that hears
    // "yes" asks for the code every one of them needs.
    const named = await ctx.invites.domainOfHost(req.hostname)
    const asked = named && domains.some((d) => d.name === named.name) ? [named] : domains
    const codesNeeded = asked.length === 0 ? ctx.config.invites.required : asked.every((d) => ctx.invites.required(d))
    return json({
      did: host.host === null ? ctx.serviceDid : host.did,
      // Clients append a user's chosen name to one of these, so they carry the leading dot.
      availableUserDomains: domains.map((d) => `.${d.name}`),
      // Closed registration (on domains that need no code) takes the admin key, which no user has:
      // clients then ask for an invite code rather than offer a sign-up that fails, and a code of a
      // domain that needs one does let its holder in.
      inviteCodeRequired: codesNeeded || !registrationOpen,
      phoneVerificationRequired: false,
      links: { privacyPolicy: serverInfo.privacyPolicyUrl, termsOfService: serverInfo.termsOfServiceUrl },
      contact: { email: serverInfo.contactEmail },
    })
  })
}
