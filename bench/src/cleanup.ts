// What must be undone however the bench ends (servers stopped, databases
// dropped): registered as it is created, run on Ctrl-C as well as by the
// normal close.
const pending = new Set<() => Promise<void>>()

/** Registers `undo`; the returned function runs it once and unregisters it. */
export function onCleanup(undo: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined
  const once = () => {
    pending.delete(once)
    done ??= undo()
    return done
  }
  pending.add(once)
  return once
}

/** Runs everything still registered (each once, errors reported, none skipped). */
export async function cleanupAll(): Promise<void> {
  const results = await Promise.allSettled([...pending].map((undo) => undo()))
  for (const r of results) if (r.status === 'rejected') process.stderr.write(`cleanup failed: ${r.reason}\n`)
}
