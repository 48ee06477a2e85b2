// Which domains an invite call reaches. Codes live in each domain's tenant,
// so a call that names no account needs a domain: a domain's owner or admin
// works on their own; the admin key on the domain the request was sent to
// (its hostname is the domain, or under it), else on every domain.
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { Request } from 'express'
import type { AppContext } from '../context.js'
import type { Domain } from '../storage/management/tenant-registry.js'
import { type AccessCredentials, type AdminCredentials, assertManages } from './auth-verifiers.js'

/** The active domains the call reaches. */
export async function inviteDomains(
  ctx: AppContext,
  credentials: AdminCredentials | AccessCredentials,
  req: Request,
): Promise<Domain[]> {
  if (credentials.type === 'access') {
    const own = await ctx.registry.activeDomain(credentials.account.domain)
    return own ? [own] : []
  }
  const named = await ctx.invites.domainOfHost(req.hostname)
  if (named) return [named]
  return (await ctx.registry.listDomains()).filter((d) => d.status === 'active')
}

/** The active domain of the account `did` codes are made for, when the caller manages it (Forbidden if not). */
export async function accountDomain(
  ctx: AppContext,
  credentials: AdminCredentials | AccessCredentials,
  did: string,
): Promise<Domain> {
  const account = await ctx.accounts.mustLocate(did)
  assertManages(credentials, account.domain)
  const domain = await ctx.registry.activeDomain(account.domain)
  if (!domain) throw new InvalidRequestError(`Account not found: ${did}`, 'AccountNotFound')
  return domain
}

/** The one domain codes made for no account go to; a clear error when the call reaches several or none. */
export async function inviteDomain(
  ctx: AppContext,
  credentials: AdminCredentials | AccessCredentials,
  req: Request,
): Promise<Domain> {
  const domains = await inviteDomains(ctx, credentials, req)
  if (domains.length === 1) return domains[0] as Domain
  if (domains.length === 0) throw new InvalidRequestError('No domain is hosted here to make invite codes for')
  throw new InvalidRequestError(
    'Several domains are hosted here: send the call to a hostname of the domain the codes are for, or name forAccount',
  )
}
