// Talks to a PLC directory: submits signed operations and reads an account's
// latest one, or its whole log. Transient failures (network, 5xx, 429) are retried with
// exponential backoff; a 4xx is the directory's verdict and is not.
import type * as plc from '@did-plc/lib'
import type { RetryConfig } from '../config/config.js'
import { backoffDelay, wait } from './backoff.js'

/** Per-request timeout. */
export const TIMEOUT_MS = 10_000

/** The directory answered and said no: the op is invalid for it. */
export class PlcRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** The directory could not be reached (or kept failing) after every retry. */
export class PlcUnreachableError extends Error {}

export class PlcClient {
  constructor(
    readonly endpoint: string,
    private readonly retry: RetryConfig,
  ) {}

  async submit(did: string, op: plc.OpOrTombstone): Promise<void> {
    await this.request(did, `/${encodeURIComponent(did)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(op),
    })
  }

  /** The DID's latest operation, or undefined if the directory does not know the DID. */
  async lastOp(did: string): Promise<plc.CompatibleOpOrTombstone | undefined> {
    const res = await this.request(did, `/${encodeURIComponent(did)}/log/last`, { method: 'GET' }, [404])
    return res.status === 404 ? undefined : ((await res.json()) as plc.CompatibleOpOrTombstone)
  }

  /**
   * The DID's operations, oldest first, as the directory holds them now: the
   * ones a recovery nullified are not among them. Undefined if the directory
   * does not know the DID.
   */
  async log(did: string): Promise<plc.CompatibleOpOrTombstone[] | undefined> {
    const res = await this.request(did, `/${encodeURIComponent(did)}/log`, { method: 'GET' }, [404])
    if (res.status === 404) return undefined
    const ops = (await res.json().catch(() => undefined)) as unknown
    if (!Array.isArray(ops) || ops.some((op) => !op || typeof op !== 'object')) {
      throw new PlcUnreachableError(`PLC directory ${this.endpoint} sent a log of ${did} that is not a list of ops`)
    }
    return ops as plc.CompatibleOpOrTombstone[]
  }

  /**
   * A page of the directory's log of every DID, oldest first: the ops
   * created after `after` (an op's `createdAt`; none: from the start), at
   * most `count` of them (the directory may cap it lower).
   */
  async exportOps(after: string | null, count: number): Promise<plc.ExportedOp[]> {
    const query = new URLSearchParams({ count: String(count) })
    if (after) query.set('after', after)
    const res = await this.request('the export', `/export?${query}`, { method: 'GET' })
    const text = await res.text()
    const ops: plc.ExportedOp[] = []
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue
      let entry: plc.ExportedOp
      try {
        entry = JSON.parse(line) as plc.ExportedOp
      } catch {
        throw new PlcUnreachableError(`PLC directory ${this.endpoint} sent an export line that is not JSON`)
      }
      if (typeof entry?.did !== 'string' || typeof entry.createdAt !== 'string') {
        throw new PlcUnreachableError(`PLC directory ${this.endpoint} sent an export line without did/createdAt`)
      }
      ops.push(entry)
    }
    return ops
  }

  private async request(did: string, path: string, init: RequestInit, accept: number[] = []): Promise<Response> {
    const url = new URL(path, this.endpoint).toString()
    let lastProblem = ''
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) await wait(backoffDelay(this.retry, attempt))
      let res: Response
      try {
        res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })
      } catch (err) {
        lastProblem = (err as Error).cause ? String((err as Error).cause) : String(err)
        continue
      }
      if (res.ok || accept.includes(res.status)) return res
      const message = await errorMessage(res)
      if (res.status >= 500 || res.status === 429) {
        lastProblem = `HTTP ${res.status}: ${message}`
        continue
      }
      throw new PlcRefusedError(res.status, message)
    }
    throw new PlcUnreachableError(`PLC directory ${this.endpoint} failed for ${did}: ${lastProblem}`)
  }
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { message?: unknown }
    if (typeof body.message === 'string') return body.message
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 500) || res.statusText
}
