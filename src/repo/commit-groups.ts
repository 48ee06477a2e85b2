// Writes to one repo from this process, in arrival order, in groups: the
// writes that arrive while the repo's previous group is being stored wait
// together and are handed over together, to be built one on another and
// stored in one transaction (one WAL flush for all of them, each still its
// own commit and rev). A write that must run alone closes the group before it.
import { RepoWriteQueue } from './write-queue.js'

export class CommitGroups<J> {
  private readonly queue = new RepoWriteQueue()
  /** Per repo, the group waiting for its turn, which later writes join. */
  private readonly open = new Map<string, J[]>()

  constructor(private readonly maxGroup: number) {}

  /** Runs `fn` alone, after every write to `did` before it. */
  alone<T>(did: string, fn: () => Promise<T>): Promise<T> {
    this.open.delete(did)
    return this.queue.run(did, fn)
  }

  /**
   * Adds `job` to the group of `did` waiting for its turn (or starts one):
   * `run` is called once per group, with its jobs in arrival order, after
   * every earlier write to `did`. `run` settles its jobs; it must not throw.
   */
  join(did: string, job: J, run: (jobs: J[]) => Promise<void>): void {
    const waiting = this.open.get(did)
    if (waiting && waiting.length < this.maxGroup) {
      waiting.push(job)
      return
    }
    const jobs = [job]
    this.open.set(did, jobs)
    void this.queue.run(did, () => {
      // From its turn on, later writes form the next group.
      if (this.open.get(did) === jobs) this.open.delete(did)
      return run(jobs)
    })
  }
}
