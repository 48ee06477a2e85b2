// Writes to one repo from this process, one at a time, in arrival order.
// Each write then finds the root its predecessor left and stores its commit
// without waiting on the database's row lock, so a busy repo costs no held
// connections and no retried commits; other processes are still kept out by
// the commit's own check of the root it was built on.

export class RepoWriteQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  /** Runs `fn` after every earlier write to `did` in this process has finished. */
  run<T>(did: string, fn: () => Promise<T>): Promise<T> {
    const before = this.tails.get(did) ?? Promise.resolve()
    const result = before.then(fn, fn)
    const tail = result.then(
      () => undefined,
      () => undefined,
    )
    this.tails.set(did, tail)
    // The last write out removes the entry, so idle repos cost nothing.
    void tail.then(() => {
      if (this.tails.get(did) === tail) this.tails.delete(did)
    })
    return result
  }

  /** Repos with writes queued or running. */
  get busy(): number {
    return this.tails.size
  }
}
