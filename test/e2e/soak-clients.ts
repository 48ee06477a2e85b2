// The clients of the soak test: a server that is killed and restarted under
// them (each start a generation), writers that know the state of the records
// they own from acknowledged writes only, and readers.
import { readCarWithRoot, verifyRepoCar } from '@atproto/repo'
import type { ChildAccount, ChildPds } from '../helpers/child-pds.js'
import type { ServerProcess } from '../helpers/process.js'

export const COLLECTION = 'com.example.soak'

export type Generation = { n: number; url: string; proc: ServerProcess; killed: boolean }

/** The server process of the moment; calls made to one that was then killed may be retried on the next. */
export class Servers {
  private gen?: Generation
  private count = 0
  private waiters: (() => void)[] = []

  constructor(private readonly pds: ChildPds) {}

  async start(): Promise<Generation> {
    const proc = await this.pds.start()
    this.gen = { n: ++this.count, url: proc.url, proc, killed: false }
    for (const wake of this.waiters.splice(0)) wake()
    return this.gen
  }

  async kill(): Promise<void> {
    const gen = this.gen as Generation
    // Marked first: any call that fails from here on failed because of the kill.
    gen.killed = true
    this.gen = undefined
    await gen.proc.kill('SIGKILL')
  }

  /** The running generation, waiting for the next start while there is none. */
  async live(): Promise<Generation> {
    while (!this.gen) await new Promise<void>((resolve) => this.waiters.push(resolve))
    return this.gen
  }

  /** Runs an idempotent call on the live server, again on the next one when a kill cut it; any other failure throws. */
  async attempt<T>(call: (url: string) => Promise<T>): Promise<T> {
    for (;;) {
      const gen = await this.live()
      try {
        return await call(gen.url)
      } catch (err) {
        if (!gen.killed) throw err
      }
    }
  }
}

export async function xrpcCall(
  url: string,
  nsid: string,
  opts: { auth?: string; body?: unknown; params?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const target = new URL(`/xrpc/${nsid}`, url)
  for (const [k, v] of Object.entries(opts.params ?? {})) target.searchParams.set(k, v)
  const res = await fetch(target, {
    method: opts.body === undefined ? 'GET' : 'POST',
    headers: {
      ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** A record's state as a writer knows it: the unique token it wrote, and the CID the server gave it. */
export type RecordState = { token: string; cid: string }
type Effect = { rkey: string; before: string | null; after: string | null }
type Planned = { nsid: string; body: Record<string, unknown>; effects: Effect[] }

/** Writes, one at a time, to records of its own (rkeys no other writer uses) in one account's repo. */
export class Writer {
  readonly state = new Map<string, RecordState>()
  /** Every acknowledged commit: the firehose must carry each exactly once. */
  readonly acked: string[] = []
  unknownApplied = 0
  unknownNotApplied = 0
  private n = 0

  constructor(
    private readonly servers: Servers,
    readonly account: ChildAccount,
    private readonly id: number,
    private readonly random: () => number,
  ) {}

  async run(stopped: () => boolean): Promise<void> {
    while (!stopped()) await this.write(this.plan())
  }

  private plan(): Planned {
    const owned = [...this.state.keys()]
    const take = () => owned.splice(Math.floor(this.random() * owned.length), 1)[0] as string
    const newKey = () => `w${this.id}-${++this.n}`
    const token = () => `token-${this.id}-${++this.n}`
    const record = (t: string) => ({ $type: COLLECTION, token: t })
    const before = (rkey: string) => this.state.get(rkey)?.token ?? null
    const repo = { repo: this.account.did, collection: COLLECTION }
    const r = this.random()
    if (owned.length < 3 || r < 0.35) {
      const [rkey, t] = [newKey(), token()]
      return {
        nsid: 'com.atproto.repo.createRecord',
        body: { ...repo, rkey, record: record(t) },
        effects: [{ rkey, before: null, after: t }],
      }
    }
    if (r < 0.55) {
      const [rkey, t] = [this.random() < 0.5 ? take() : newKey(), token()]
      return {
        nsid: 'com.atproto.repo.putRecord',
        body: { ...repo, rkey, record: record(t) },
        effects: [{ rkey, before: before(rkey), after: t }],
      }
    }
    if (r < 0.75) {
      const rkey = take()
      return {
        nsid: 'com.atproto.repo.deleteRecord',
        body: { ...repo, rkey },
        effects: [{ rkey, before: before(rkey), after: null }],
      }
    }
    // One atomic commit: a create, an update and a delete.
    const [created, updated, deleted] = [newKey(), take(), take()]
    const [t1, t2] = [token(), token()]
    return {
      nsid: 'com.atproto.repo.applyWrites',
      body: {
        repo: this.account.did,
        writes: [
          { $type: 'com.atproto.repo.applyWrites#create', collection: COLLECTION, rkey: created, value: record(t1) },
          { $type: 'com.atproto.repo.applyWrites#update', collection: COLLECTION, rkey: updated, value: record(t2) },
          { $type: 'com.atproto.repo.applyWrites#delete', collection: COLLECTION, rkey: deleted },
        ],
      },
      effects: [
        { rkey: created, before: null, after: t1 },
        { rkey: updated, before: before(updated), after: t2 },
        { rkey: deleted, before: before(deleted), after: null },
      ],
    }
  }

  private async write(p: Planned): Promise<void> {
    const gen = await this.servers.live()
    let res: Awaited<ReturnType<typeof xrpcCall>>
    try {
      res = await xrpcCall(gen.url, p.nsid, { auth: this.account.accessJwt, body: p.body })
    } catch (err) {
      if (!gen.killed) throw new Error(`${p.nsid} failed on a live server: ${err}`)
      return this.settleUnknown(p)
    }
    if (res.status !== 200) throw new Error(`${p.nsid}: HTTP ${res.status} ${JSON.stringify(res.body)}`)
    const commit = res.body.commit as { rev: string } | undefined
    if (!commit) throw new Error(`${p.nsid} acknowledged without a commit: ${JSON.stringify(res.body)}`)
    this.acked.push(`${this.account.did} ${commit.rev}`)
    const cids =
      p.nsid === 'com.atproto.repo.applyWrites'
        ? (res.body.results as { cid?: string }[]).map((r) => r.cid)
        : [res.body.cid as string | undefined]
    p.effects.forEach((e, i) => {
      if (e.after === null) this.state.delete(e.rkey)
      else this.state.set(e.rkey, { token: e.after, cid: cids[i] as string })
    })
  }

  /** The server died with the write in flight: after a restart, it must be wholly there or wholly absent. */
  private async settleUnknown(p: Planned): Promise<void> {
    const now = await Promise.all(p.effects.map((e) => this.servers.attempt((url) => this.read(url, e.rkey))))
    const applied = p.effects.map((e, i) => {
      const token = now[i]?.token ?? null
      if (token !== e.before && token !== e.after) throw new Error(`${e.rkey} holds ${token}: neither before nor after`)
      return token === e.after
    })
    if (applied.some((a) => a !== applied[0])) {
      throw new Error(`${p.nsid} applied in part after a kill: ${JSON.stringify({ effects: p.effects, applied })}`)
    }
    if (!applied[0]) {
      this.unknownNotApplied++
      return
    }
    this.unknownApplied++
    p.effects.forEach((e, i) => {
      const found = now[i]
      if (found) this.state.set(e.rkey, found)
      else this.state.delete(e.rkey)
    })
  }

  private async read(url: string, rkey: string): Promise<RecordState | undefined> {
    const params = { repo: this.account.did, collection: COLLECTION, rkey }
    const res = await xrpcCall(url, 'com.atproto.repo.getRecord', { params })
    if (res.status === 400 && res.body.error === 'RecordNotFound') return undefined
    if (res.status !== 200) throw new Error(`getRecord: HTTP ${res.status} ${JSON.stringify(res.body)}`)
    return { token: (res.body.value as { token: string }).token, cid: res.body.cid as string }
  }
}

/** getRecord, listRecords and getRepo (whose CAR must verify) on random accounts, while the writers write. */
export async function readLoop(
  servers: Servers,
  writers: Writer[],
  random: () => number,
  stopped: () => boolean,
): Promise<number> {
  let reads = 0
  while (!stopped()) {
    const writer = writers[Math.floor(random() * writers.length)] as Writer
    const { did, signingKey } = writer.account
    const r = random()
    await servers.attempt(async (url) => {
      if (r < 0.4) {
        const rkey = [...writer.state.keys()][0] ?? 'absent'
        const res = await xrpcCall(url, 'com.atproto.repo.getRecord', {
          params: { repo: did, collection: COLLECTION, rkey },
        })
        if (res.status !== 200 && res.body.error !== 'RecordNotFound') throw new Error(`getRecord: ${res.status}`)
      } else if (r < 0.75) {
        const res = await xrpcCall(url, 'com.atproto.repo.listRecords', {
          params: { repo: did, collection: COLLECTION },
        })
        if (res.status !== 200) throw new Error(`listRecords: ${res.status} ${JSON.stringify(res.body)}`)
      } else {
        const res = await fetch(`${url}/xrpc/com.atproto.sync.getRepo?did=${did}`)
        if (res.status !== 200) throw new Error(`getRepo: ${res.status} ${await res.text()}`)
        const car = new Uint8Array(await res.arrayBuffer())
        await readCarWithRoot(car)
        await verifyRepoCar(car, did, signingKey)
      }
    })
    reads++
  }
  return reads
}
