// Waiting in a test for something the server or a stand-in reaches on its own
// schedule: the condition is checked every few milliseconds until it holds,
// and a deadline turns a wait that never ends into a failure naming it.

export async function until(
  condition: () => boolean | Promise<boolean>,
  /** What is waited for; a function is asked at the deadline, to say how far it got. */
  what: string | (() => string) = 'the condition',
  opts: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const { timeoutMs = 15_000, everyMs = 10 } = opts
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
