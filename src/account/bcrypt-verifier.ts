// Checks passwords against the bcrypt hashes accounts were given before
// scrypt. bcryptjs is JavaScript: even its async compare runs on the calling
// thread, about a tenth of a second a check, so it runs in a worker thread of
// its own, started at the first check and unref'd (it never holds the
// process open). A bcrypt hash is replaced at the account's next login.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** The hash prefixes bcrypt writes ($2a$, $2b$, $2y$). */
const BCRYPT = /^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$/
/** bcrypt reads at most this many bytes: past them, a longer password would match a shorter one. */
export const BCRYPT_MAX_BYTES = 72

// CommonJS, as an eval'd worker runs; bcryptjs's path comes from here, where node_modules is known.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const bcrypt = require(workerData)
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false
  try { ok = bcrypt.compareSync(password, hash) } catch {}
  parentPort.postMessage({ id, ok })
})
`

export function isBcryptHash(stored: string): boolean {
  return BCRYPT.test(stored)
}

type Pending = { resolve: (ok: boolean) => void; reject: (err: Error) => void }

export class BcryptVerifier {
  private worker: Worker | undefined
  private readonly pending = new Map<number, Pending>()
  private nextId = 0

  /** Whether `password` matches the bcrypt hash `stored`; one check at a time, off the event loop. */
  verify(password: string, stored: string): Promise<boolean> {
    if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) return Promise.resolve(false)
    const worker = this.started()
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      worker.postMessage({ id, password, hash: stored })
    })
  }

  async close(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    if (worker) await worker.terminate()
  }

  private started(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: createRequire(import.meta.url).resolve('bcryptjs'),
    })
    worker.unref()
    worker.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      this.pending.get(id)?.resolve(ok)
      this.pending.delete(id)
    })
    // A worker that died fails the checks it held; the next check starts another.
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined
      for (const p of this.pending.values()) p.reject(err)
      this.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`bcrypt worker exited with code ${code}`)))
    this.worker = worker
    return worker
  }
}
