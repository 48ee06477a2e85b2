// The shapes and arithmetic of invite codes, kept apart from the service that
// stores them: the code format, the view clients get, and how many codes an
// account has earned.
import { randomStr } from '@atproto/crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { InvitesConfig } from '../config/config.js'
import type { Domain } from '../storage/management/tenant-registry.js'
import { unstorableText } from '../storage/pg-text.js'
import type { InviteCodeRow, InviteCodeUseRow, InvitePageAfter, InviteSort } from '../storage/tenant/invite-store.js'

/** com.atproto.server.defs#inviteCode */
export type InviteCodeView = {
  code: string
  available: number
  disabled: boolean
  forAccount: string
  createdBy: string
  createdAt: string
  uses: { usedBy: string; usedAt: string }[]
}

/** Who made a code by managing the domain (the admin key, or the domain's owner or admin), and whom it was made for when no account was named. */
export const ADMIN = 'admin'

/** Unused codes an account may hold at once from what it earned, as the official PDS. */
export const MAX_UNUSED_EARNED = 5

/** Whether sign-up on `domain` needs an invite code: its own setting, else the config's. */
export function inviteRequired(domain: Domain, invites: InvitesConfig): boolean {
  return domain.invite_required ?? invites.required
}

/**
 * A new code in the official format: the domain with its dots as dashes (so it
 * does not read as a link), then two groups of five base32 characters, e.g.
 * example-com-abcde-23fgh.
 */
export function newInviteCode(domain: string): string {
  const token = randomStr(8, 'base32').slice(0, 10)
  return `${domain.replaceAll('.', '-')}-${token.slice(0, 5)}-${token.slice(5, 10)}`
}

/** Whether `code` has the shape of one made for `domain` (codes carry their domain, dashed). */
export function codeOfDomain(code: string, domain: string): boolean {
  const prefix = `${domain.replaceAll('.', '-')}-`
  return code.startsWith(prefix) && /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(code.slice(prefix.length))
}

export function inviteCodeView(row: InviteCodeRow, uses: InviteCodeUseRow[]): InviteCodeView {
  return {
    code: row.code,
    available: row.available_uses,
    disabled: row.disabled,
    forAccount: row.for_account,
    createdBy: row.created_by,
    createdAt: row.created_at,
    uses: uses.map((u) => ({ usedBy: u.used_by, usedAt: u.used_at })),
  }
}

/**
 * How many codes an account has earned and not yet been given: one for each
 * `interval` of its life since `epoch` (those before it were another epoch's),
 * less the codes it was given since then, and never so many that it holds
 * more than MAX_UNUSED_EARNED unused. Codes made for it by whoever manages
 * the domain are gifts: they count for nothing here. Same rule as the
 * official PDS's getAccountInviteCodes.
 */
export function earnedCodesDue(opts: {
  accountCreatedAt: number
  codes: InviteCodeRow[]
  interval: number
  epoch: number
  now: number
}): number {
  const earned = opts.codes.filter((c) => c.created_by !== ADMIN)
  const unused = earned.filter((c) => !c.disabled && c.available_uses > c.uses)
  const lifeIntervals = Math.floor((opts.now - opts.accountCreatedAt) / opts.interval)
  const beforeEpoch =
    opts.accountCreatedAt >= opts.epoch ? 0 : Math.floor((opts.epoch - opts.accountCreatedAt) / opts.interval)
  const givenThisEpoch = earned.filter((c) => Date.parse(c.created_at) > opts.epoch).length
  return Math.min(MAX_UNUSED_EARNED - unused.length, lifeIntervals - beforeEpoch - givenThisEpoch)
}

/**
 * The cursor of com.atproto.admin.getInviteCodes, as the official PDS packs
 * it: `<primary>::<code>`, the primary being the creation time in epoch
 * milliseconds (sort `recent`) or the use count (sort `usage`).
 */
export function packInviteCursor(sort: InviteSort, row: InviteCodeRow): string {
  const primary = sort === 'recent' ? Date.parse(row.created_at) : row.uses
  return `${primary}::${row.code}`
}

export function unpackInviteCursor(sort: InviteSort, cursor: string): InvitePageAfter {
  const parts = cursor.split('::')
  const [primary, code] = parts
  const n = primary && /^\d{1,16}$/.test(primary) ? Number.parseInt(primary, 10) : Number.NaN
  if (parts.length !== 2 || !code || unstorableText(code) || code.length > 300 || Number.isNaN(n)) {
    throw new InvalidRequestError('Malformed cursor')
  }
  if (sort === 'usage') return { key: n, code }
  const at = new Date(n)
  if (Number.isNaN(at.getTime())) throw new InvalidRequestError('Malformed cursor')
  return { key: at.toISOString(), code }
}

/** The order of the listing (descending by its key, then code), for merging the pages of several tenants. */
export function compareForListing(sort: InviteSort, a: InviteCodeRow, b: InviteCodeRow): number {
  const ka = sort === 'recent' ? a.created_at : a.uses
  const kb = sort === 'recent' ? b.created_at : b.uses
  if (ka !== kb) return ka < kb ? 1 : -1
  return a.code === b.code ? 0 : a.code < b.code ? 1 : -1
}
