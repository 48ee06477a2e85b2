// Which tenant holds each recently active account, remembered for a minute:
// every authenticated request and every repo read needs it, and an account
// never moves to another tenant. A remembered tenant that no longer answers
// for the account (deleted since, or its domain removed, on any replica) is
// forgotten and looked up again, so a stale entry costs a lookup, never an
// answer.
import { XRPCError } from '@atproto/xrpc-server'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'

const TTL_MS = 60_000
const MAX_ENTRIES = 10_000

export class RecentHomes {
  private readonly homes = new Map<string, { located: LocatedAccount; until: number }>()

  constructor(private readonly lookUp: (did: string) => Promise<LocatedAccount | undefined>) {}

  /**
   * `fn` on the account's tenant: undefined when there is no such account.
   * `fn` answers undefined when the account is not where it was looked for;
   * a protocol error it throws is its answer, any other failure a sign the
   * remembered tenant is gone.
   */
  async withHome<T>(did: string, fn: (located: LocatedAccount) => Promise<T | undefined>): Promise<T | undefined> {
    const known = this.homes.get(did)
    if (known && known.until > Date.now()) {
      const answer = await fn(known.located).catch((err: unknown) => {
        if (err instanceof XRPCError) throw err
        return undefined
      })
      if (answer !== undefined) return answer
      this.homes.delete(did)
    }
    const located = await this.lookUp(did)
    if (!located) return undefined
    const answer = await fn(located)
    if (answer !== undefined) {
      if (this.homes.size >= MAX_ENTRIES) this.homes.clear()
      this.homes.set(did, { located, until: Date.now() + TTL_MS })
    }
    return answer
  }

  forget(did: string): void {
    this.homes.delete(did)
  }

  /** After a domain is removed here: its accounts' entries go at once, not after their minute. */
  forgetAll(): void {
    this.homes.clear()
  }
}
