// Exponential backoff shared by the services that call out (PLC directory,
// relays): the wait before retry n, and a wait that a stop can cut short.
import type { RetryConfig } from '../config/config.js'

/** Wait before the `retry`-th retry (1-based): initial × 2^(retry-1), capped. */
export function backoffDelay(retry: RetryConfig, n: number): number {
  return Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.min(n - 1, 30))
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve()
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
    function done() {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
  })
}
