// The subscribers of one stream server, as a Set that also counts them by
// client IP, kept in step on every add and delete: the per-IP cap is one
// lookup, and a subscriber removed twice (dropped, then its socket closes)
// is counted out once.
export class SubscribersByIp<T> extends Set<T> {
  private readonly ipOf = new Map<T, string>()
  private readonly counts = new Map<string, number>()

  /** How many subscribers `ip` has now. */
  countOf(ip: string): number {
    return this.counts.get(ip) ?? 0
  }

  /** Adds `value` as a subscriber from `ip`. */
  addFrom(ip: string, value: T): this {
    if (!this.has(value)) {
      this.ipOf.set(value, ip)
      this.counts.set(ip, this.countOf(ip) + 1)
    }
    return super.add(value)
  }

  override delete(value: T): boolean {
    if (!super.delete(value)) return false
    const ip = this.ipOf.get(value)
    if (ip !== undefined) {
      this.ipOf.delete(value)
      const left = this.countOf(ip) - 1
      if (left > 0) this.counts.set(ip, left)
      else this.counts.delete(ip)
    }
    return true
  }

  override clear(): void {
    super.clear()
    this.ipOf.clear()
    this.counts.clear()
  }
}
