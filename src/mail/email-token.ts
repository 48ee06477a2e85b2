// The codes mailed to accounts, in the official PDS's format: ten base32
// characters as XXXXX-XXXXX, upper case, which the Bluesky app asks the user
// to type. A code is good for 15 minutes (the official PDS's expiry) and one use.
import { randomStr } from '@atproto/crypto'

export const EMAIL_TOKEN_TTL_MS = 15 * 60 * 1000

export function newEmailToken(): string {
  const token = randomStr(8, 'base32').slice(0, 10).toUpperCase()
  return `${token.slice(0, 5)}-${token.slice(5, 10)}`
}

/** Whether a code mailed at `requestedAt` is still good at `now`. */
export function emailTokenFresh(requestedAt: string, now = Date.now()): boolean {
  return now - new Date(requestedAt).getTime() < EMAIL_TOKEN_TTL_MS
}
