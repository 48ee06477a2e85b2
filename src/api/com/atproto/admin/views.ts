// Shapes of com.atproto.admin.defs views, and the subjects the admin methods
// name, checked against who is asking: the admin key reaches every tenant, a
// domain's owner or admin only their own domain (Forbidden elsewhere, as the
// host.primal.pds.* methods answer).
import { AtUri, isValidNsid, isValidRecordKey } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { AppContext } from '../../../../context.js'
import type { RepoBlobRef, RepoRef } from '../../../../lexicon/generated/types/com/atproto/admin/defs.js'
import type { InputSchema as UpdateSubjectStatus } from '../../../../lexicon/generated/types/com/atproto/admin/updateSubjectStatus.js'
import type { Main as StrongRef } from '../../../../lexicon/generated/types/com/atproto/repo/strongRef.js'
import type { $Typed } from '../../../../lexicon/generated/util.js'
import type { LocatedAccount } from '../../../../storage/management/tenant-registry.js'
import type { AccountSummary } from '../../../../storage/tenant/account-store.js'
import type { RecordPath } from '../../../../storage/tenant/repo-store.js'
import { type AccessCredentials, type AdminCredentials, assertManages } from '../../../auth-verifiers.js'

export type Caller = AdminCredentials | AccessCredentials

/** com.atproto.admin.defs#accountView, without the invite fields (searchAccounts, as the official PDS). */
export function accountView(a: AccountSummary) {
  return {
    did: a.did,
    handle: a.handle,
    email: a.email ?? undefined,
    emailConfirmedAt: a.email_confirmed_at ?? undefined,
    indexedAt: a.created_at,
    deactivatedAt: a.deactivated_at ?? undefined,
  }
}

/** com.atproto.admin.defs#accountView with the account's invites, as getAccountInfo(s) answer on the official PDS. */
export async function accountInfoView(ctx: AppContext, located: LocatedAccount, a: AccountSummary) {
  return { ...accountView(a), ...(await ctx.invites.accountInfo(located)) }
}

/** The account `did` names, for a caller who may see it; NotFound as the official PDS answers, Forbidden in another domain. */
export async function visibleAccount(ctx: AppContext, caller: Caller, did: string): Promise<LocatedAccount> {
  const located = await ctx.accounts.locate(did)
  if (!located) throw new InvalidRequestError('Account not found', 'NotFound')
  assertManages(caller, located.domain)
  return located
}

/** The repo and record path an at-uri names; InvalidRequest when it names no record. */
export function recordUri(uri: string): { repo: string; path: RecordPath } {
  let parsed: AtUri
  try {
    parsed = new AtUri(uri)
  } catch {
    throw new InvalidRequestError(`Invalid record uri: ${uri.slice(0, 300)}`)
  }
  if (!isValidNsid(parsed.collection) || !isValidRecordKey(parsed.rkey)) {
    throw new InvalidRequestError(`Not a record uri: ${uri.slice(0, 300)}`)
  }
  return { repo: parsed.hostname, path: { collection: parsed.collection, rkey: parsed.rkey } }
}

type Subject = UpdateSubjectStatus['subject']

/**
 * Which member of the subject union this is, by its $type: the XRPC server
 * checked a known member against its lexicon, so its fields are there.
 */
export function subjectKind(
  s: Subject,
):
  | { kind: 'account'; ref: RepoRef }
  | { kind: 'record'; ref: StrongRef }
  | { kind: 'blob'; ref: RepoBlobRef }
  | undefined {
  if (isRepoRef(s)) return { kind: 'account', ref: s }
  if (isStrongRef(s)) return { kind: 'record', ref: s }
  if (isRepoBlobRef(s)) return { kind: 'blob', ref: s }
  return undefined
}

const isRepoRef = (s: Subject): s is $Typed<RepoRef> => s.$type === 'com.atproto.admin.defs#repoRef'
const isStrongRef = (s: Subject): s is $Typed<StrongRef> => s.$type === 'com.atproto.repo.strongRef'
const isRepoBlobRef = (s: Subject): s is $Typed<RepoBlobRef> => s.$type === 'com.atproto.admin.defs#repoBlobRef'
