// An account's preferences, as the official PDS keeps them for
// app.bsky.actor.getPreferences and putPreferences: only the app.bsky
// namespace, each put replacing the whole namespace at once, personal details
// only with full access, and the declared age derived from the birth date on
// every read (never stored).
import { isValidNsid } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'

/** One preference: an open union member, known by its $type. */
export type Preference = { $type: string } & Record<string, unknown>

/** What the caller's credentials allow: `full` for a password login's session (not an app password or scoped token). */
export type PreferenceAccess = { full: boolean }

/** The only namespace these methods store and return. */
export const PREFERENCE_NAMESPACE = 'app.bsky'
/** Readable and writable with full access only. */
export const PERSONAL_DETAILS_PREF = 'app.bsky.actor.defs#personalDetailsPref'
/** Derived from the personal details' birth date on read; never stored. */
export const DECLARED_AGE_PREF = 'app.bsky.actor.defs#declaredAgePref'

export class PreferenceService {
  constructor(private readonly storage: Storage) {}

  /** The account's app.bsky preferences in put order, with the declared age after them, as `access` may see them. */
  async get(account: LocatedAccount, access: PreferenceAccess): Promise<Preference[]> {
    const stored = await this.storage.read(account.db_name, (t) => t.preferences.list(account.did))
    const prefs = stored
      .filter((p) => inNamespace(PREFERENCE_NAMESPACE, p.name))
      .map((p) => JSON.parse(p.valueJson) as Preference)
    const details = prefs.find((p) => p.$type === PERSONAL_DETAILS_PREF)
    if (typeof details?.birthDate === 'string') prefs.push(declaredAge(details.birthDate, new Date()))
    return prefs.filter((p) => allowed(p.$type, access))
  }

  /**
   * Replaces the account's app.bsky preferences with `prefs`, at once. Refused
   * whole when one is outside the namespace or not allowed to `access`; those
   * `access` may not touch (personal details) stay as they were.
   */
  async put(account: LocatedAccount, prefs: readonly unknown[], access: PreferenceAccess): Promise<void> {
    const checked = prefs.map(typed)
    if (!checked.every((p) => inNamespace(PREFERENCE_NAMESPACE, p.$type))) {
      throw new InvalidRequestError(`Some preferences are not in the ${PREFERENCE_NAMESPACE} namespace`)
    }
    const forbidden = checked.filter((p) => !allowed(p.$type, access)).map((p) => p.$type)
    if (forbidden.length > 0) {
      throw new InvalidRequestError(`Do not have authorization to set preferences: ${forbidden.join(', ')}`)
    }
    const values = checked
      .filter((p) => p.$type !== DECLARED_AGE_PREF)
      .map((p) => ({ name: p.$type, valueJson: JSON.stringify(p) }))
    const replaced = (name: string) => inNamespace(PREFERENCE_NAMESPACE, name) && allowed(name, access)
    // Held against a move of the account to another domain: it lands before the copy, or is refused.
    const found = await this.storage.transact(account.db_name, async (tx) => {
      // Exclusive, as the replacement then locks the row itself: two puts that shared it would deadlock.
      await tx.accounts.holdUnlessMoving(account.did, { changesAccount: true })
      return tx.preferences.replace(account.did, replaced, values)
    })
    if (!found) throw new InvalidRequestError('Account not found', 'AccountNotFound')
  }
}

function typed(pref: unknown): Preference {
  const type = typeof pref === 'object' && pref !== null ? (pref as { $type?: unknown }).$type : undefined
  if (typeof type !== 'string') throw new InvalidRequestError('Preference is missing a $type')
  // The lexicon lets any $type through an open union; a name is stored as it comes, so it must be one.
  if (!isTypeName(type)) throw new InvalidRequestError('Preference $type is not a lexicon type name')
  return pref as Preference
}

/** `<nsid>` or `<nsid>#<def>`, as a lexicon names a type. */
function isTypeName(type: string): boolean {
  const [nsid = '', def, ...rest] = type.split('#')
  return rest.length === 0 && isValidNsid(nsid) && (def === undefined || /^[a-zA-Z][a-zA-Z0-9_]{0,127}$/.test(def))
}

function inNamespace(namespace: string, name: string): boolean {
  return name === namespace || name.startsWith(`${namespace}.`)
}

function allowed(type: string, access: PreferenceAccess): boolean {
  return access.full || type !== PERSONAL_DETAILS_PREF
}

/** The declared age the official PDS adds to a read: whole years since the birth date, against 13, 16 and 18. */
export function declaredAge(birthDate: string, today: Date): Preference {
  const born = new Date(birthDate)
  let age = today.getFullYear() - born.getFullYear()
  const months = today.getMonth() - born.getMonth()
  if (months < 0 || (months === 0 && today.getDate() < born.getDate())) age--
  return { $type: DECLARED_AGE_PREF, isOverAge13: age >= 13, isOverAge16: age >= 16, isOverAge18: age >= 18 }
}
