// What a server under test offers the scenarios: where it listens, how to
// make accounts and tenants on it, and its CPU and memory as /proc sees them.
// primal-pds and the official PDS both implement it.
import { onCleanup } from './cleanup.js'
import { readCpu, readRss } from './proc.js'

export type TargetName = 'primal-pds' | 'official'

export type Account = { did: string; handle: string; accessJwt: string }

/** CPU seconds so far: the server's process, and its database's processes (an opaque sample). */
export type CpuSample = { server: number; db: unknown }

export type Target = {
  name: TargetName
  url: string
  pid: number
  /** Logs an account in on domain number `domainIndex` (0..3) and returns its session. */
  createAccount(name: string, domainIndex: number): Promise<Account>
  /** Grows the server to `total` tenants; returns what was done, for the report. */
  addTenants(total: number): Promise<string>
  sampleCpu(): Promise<CpuSample>
  /** Database CPU seconds between two samples (0 when the database lives in the server's process). */
  dbCpuDelta(before: CpuSample, after: CpuSample): number
  rss(): number
  close(): Promise<void>
}

/** The number of bench domains every target serves (writers spread over them). */
export const DOMAINS = 4

/** Server CPU seconds of `pid`; a server that has died fails the bench rather than reading as idle. */
export function serverCpu(pid: number): number {
  const cpu = readCpu(pid)
  if (!cpu) throw new Error(`server process ${pid} has exited`)
  return cpu.seconds
}

export function serverRss(pid: number): number {
  const rss = readRss(pid)
  if (rss === undefined) throw new Error(`server process ${pid} has exited`)
  return rss
}

/** The official PDS from npm, started by side-by-side/official.ts (imported only with --compare). */
export async function startOfficialTarget(): Promise<Target> {
  const official = await import('../../side-by-side/official.js')
  await official.ensureOfficialInstalled()
  const pds = await official.startOfficial({ domains: DOMAINS })
  const close = onCleanup(() => pds.close())
  let accounts = 0
  return {
    name: 'official',
    url: pds.url,
    pid: pds.pid,
    createAccount: async (name, domainIndex) => {
      const { did, handle, accessJwt } = await pds.createAccount(name, domainIndex)
      return { did, handle, accessJwt }
    },
    // It has no tenants: one account each is the nearest thing it holds per customer.
    addTenants: async (total) => {
      for (let i = 0; i < total; i++)
        await pds.createAccount(`tenant${String(accounts++).padStart(3, '0')}`, i % DOMAINS)
      return `${total} accounts (the official PDS has no tenants)`
    },
    sampleCpu: async () => ({ server: serverCpu(pds.pid), db: null }),
    // SQLite runs inside the server process: its CPU is already the server's.
    dbCpuDelta: () => 0,
    rss: () => serverRss(pds.pid),
    close,
  }
}
