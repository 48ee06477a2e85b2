// Work a serving process does on its own, besides answering requests:
// sequencing, following the firehose, sweeping storage, announcing to relays.
// Each job is one object with this shape, listed once in context.ts; the
// list's order is the start order, and jobs stop in reverse.

export interface BackgroundJob {
  /** Names the job in logs and tests. */
  readonly name: string
  /** Starts its timers and listeners; resolves once the job is running. */
  start(): void | Promise<void>
  /** Stops its timers and waits for the run under way; safe on a job never started. */
  stop(): void | Promise<void>
  /** One pass of the job's work now, without its timer (tests, shutdown). */
  runOnce?(): Promise<unknown>
}

/** Starts `jobs` one after another, in list order (a later job may rely on an earlier one running). */
export async function startJobs(jobs: readonly BackgroundJob[]): Promise<void> {
  for (const job of jobs) await job.start()
}

/** Stops `jobs` one after another, the last started first. */
export async function stopJobs(jobs: readonly BackgroundJob[]): Promise<void> {
  for (const job of [...jobs].reverse()) await job.stop()
}

/**
 * A job's timer: every `intervalMs` (once started), one run of `run` at a
 * time, a tick that finds one under way skipped; a run that fails is handed
 * to `failed` (a log line), and the next tick tries again.
 */
export class Ticker {
  private timer?: NodeJS.Timeout
  private running?: Promise<unknown>

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly failed: (err: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.run()
        .catch(this.failed)
        .finally(() => {
          this.running = undefined
        })
    }, intervalMs)
    this.timer.unref()
  }

  /** Stops the timer and waits for the run under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    this.timer = undefined
    await this.running
  }
}
